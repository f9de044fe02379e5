package dev.sim2pi.bridge.link;

/**
 * A mutable, reusable holder for one message's payload. Holders are filled and read in place so
 * that the control loop encodes and decodes without allocating.
 */
public abstract sealed class Message
        permits Hello, HelloAck, Heartbeat, MotorCommand, MotorEnable, ServoCommand, SensorReport, Fault, Config, ConfigAck {

    /** The message's type, which fixes its payload length. */
    public abstract MessageType type();

    /** Writes the payload ({@code type().payloadLength()} bytes) at {@code out[offset]}. */
    abstract void writePayload(byte[] out, int offset);

    /** Reads the payload at {@code in[offset]}; the caller has checked its length. */
    abstract void readPayload(byte[] in, int offset);

    /** Encodes into a fresh array (tests and diagnostics only). */
    final byte[] payloadBytes() {
        byte[] b = new byte[type().payloadLength()];
        writePayload(b, 0);
        return b;
    }

    @Override
    public final boolean equals(Object o) {
        return o instanceof Message m && m.type() == type()
                && java.util.Arrays.equals(m.payloadBytes(), payloadBytes());
    }

    @Override
    public final int hashCode() {
        return java.util.Arrays.hashCode(payloadBytes()) * 31 + type().hashCode();
    }
}
