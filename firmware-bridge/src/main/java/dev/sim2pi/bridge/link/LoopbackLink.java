package dev.sim2pi.bridge.link;

import dev.sim2pi.bridge.device.SerialLink;

/**
 * The twin of a serial port for tests and simulation: two ends joined by two bounded byte
 * queues, what one end writes the other reads. A full queue drops the excess and counts it, as a
 * UART overrun would. Thread-safe; allocation-free after construction.
 */
public final class LoopbackLink implements SerialLink {

    private final String name;
    private final Ring in;
    private final Ring out;

    private LoopbackLink(String name, Ring in, Ring out) {
        this.name = name;
        this.in = in;
        this.out = out;
    }

    /** Two connected ends, each direction buffering up to {@code capacity} bytes. */
    public static LoopbackLink[] pair(int capacity) {
        Ring aToB = new Ring(capacity);
        Ring bToA = new Ring(capacity);
        return new LoopbackLink[] {new LoopbackLink("loopback-a", bToA, aToB), new LoopbackLink("loopback-b", aToB, bToA)};
    }

    @Override
    public int write(byte[] data, int offset, int length) {
        return out.put(data, offset, length);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        return in.take(buffer, offset, length);
    }

    /** Bytes this end wrote that the queue had no room for. */
    public long droppedBytes() {
        return out.dropped();
    }

    /** While severed, everything this end writes vanishes (a cut cable); reads still work. */
    public void severOutgoing(boolean severed) {
        out.severed(severed);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        // Nothing to release: the queues are plain memory.
    }

    private static final class Ring {
        private final byte[] bytes;
        private int head;
        private int size;
        private long dropped;
        private boolean severed;

        Ring(int capacity) {
            bytes = new byte[capacity];
        }

        synchronized int put(byte[] data, int offset, int length) {
            if (severed) {
                return length;
            }
            int n = Math.min(length, bytes.length - size);
            for (int i = 0; i < n; i++) {
                bytes[(head + size + i) % bytes.length] = data[offset + i];
            }
            size += n;
            dropped += length - n;
            return n;
        }

        synchronized int take(byte[] buffer, int offset, int length) {
            int n = Math.min(length, size);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = bytes[(head + i) % bytes.length];
            }
            head = (head + n) % bytes.length;
            size -= n;
            return n;
        }

        synchronized long dropped() {
            return dropped;
        }

        synchronized void severed(boolean value) {
            severed = value;
        }
    }
}
