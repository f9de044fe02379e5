package dev.sim2pi.bridge.device;

/**
 * A byte stream to and from a microcontroller. Reads never block: they return what has arrived.
 * Framing and integrity belong to the protocol above ({@code dev.sim2pi.bridge.link}).
 */
public interface SerialLink extends AutoCloseable {

    /**
     * Sends {@code length} bytes of {@code data} from {@code offset}.
     *
     * @return the number of bytes accepted (all of them unless the link is broken)
     */
    int write(byte[] data, int offset, int length);

    /**
     * Copies up to {@code length} received bytes into {@code buffer} at {@code offset}.
     *
     * @return the number of bytes copied, 0 when nothing has arrived
     */
    int read(byte[] buffer, int offset, int length);

    /** Human-readable name of the link, e.g. the port path. */
    String name();

    @Override
    void close();
}
