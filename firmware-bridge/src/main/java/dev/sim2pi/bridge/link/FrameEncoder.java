package dev.sim2pi.bridge.link;

/**
 * Writes messages as wire frames: {@code type, seq, payload, CRC-16 (little-endian)}, COBS
 * encoded and terminated by one zero byte. Keeps the sender's sequence number. Not thread-safe;
 * allocation-free.
 */
public final class FrameEncoder {

    /** Bytes of a decoded frame besides the payload: type, sequence, two CRC bytes. */
    public static final int OVERHEAD = 4;
    /** Longest frame on the wire, delimiter included. */
    public static final int MAX_WIRE_LENGTH = Cobs.maxEncodedLength(MessageType.MAX_PAYLOAD + OVERHEAD) + 1;

    private final byte[] raw = new byte[MessageType.MAX_PAYLOAD + OVERHEAD];
    private int sequence;

    /**
     * Encodes {@code message} with the next sequence number into {@code out} at {@code offset}
     * ({@link #MAX_WIRE_LENGTH} bytes must fit).
     *
     * @return bytes written, delimiter included
     */
    public int encode(Message message, byte[] out, int offset) {
        MessageType type = message.type();
        int n = type.payloadLength();
        raw[0] = (byte) type.code();
        raw[1] = (byte) sequence;
        sequence = (sequence + 1) & 0xFF;
        message.writePayload(raw, 2);
        int crc = Crc16.compute(raw, 0, n + 2);
        raw[n + 2] = (byte) crc;
        raw[n + 3] = (byte) (crc >>> 8);
        int written = Cobs.encode(raw, 0, n + OVERHEAD, out, offset);
        out[offset + written] = 0;
        return written + 1;
    }

    /** The sequence number the next frame will carry. */
    public int nextSequence() {
        return sequence;
    }
}
