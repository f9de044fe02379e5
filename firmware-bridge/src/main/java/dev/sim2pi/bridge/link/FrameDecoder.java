package dev.sim2pi.bridge.link;

/**
 * Turns a byte stream into frames. Survives garbage, truncation and lost bytes: every zero byte
 * ends a frame, so decoding resynchronises at the next delimiter whatever came before. Every
 * non-empty chunk between delimiters is either accepted or counted under exactly one rejection
 * reason. Not thread-safe; allocation-free.
 */
public final class FrameDecoder {

    private static final int MAX_ENCODED = FrameEncoder.MAX_WIRE_LENGTH - 1;

    private final byte[] buffer = new byte[MAX_ENCODED];
    private int length;
    private boolean overlong;
    private int lastSequence = -1;

    private long accepted;
    private long empty;
    private long rejectedOverlong;
    private long rejectedCobs;
    private long rejectedShort;
    private long rejectedCrc;
    private long rejectedUnknownType;
    private long rejectedLength;
    private long sequenceGaps;

    /** Feeds {@code count} received bytes; calls {@code handler} for each valid frame completed. */
    public void accept(byte[] data, int offset, int count, FrameHandler handler) {
        for (int i = offset; i < offset + count; i++) {
            byte b = data[i];
            if (b == 0) {
                endFrame(handler);
            } else if (length < buffer.length) {
                buffer[length++] = b;
            } else {
                overlong = true;
            }
        }
    }

    private void endFrame(FrameHandler handler) {
        int n = length;
        boolean tooLong = overlong;
        length = 0;
        overlong = false;
        if (tooLong) {
            rejectedOverlong++;
            return;
        }
        if (n == 0) {
            empty++;
            return;
        }
        int decoded = Cobs.decodeInPlace(buffer, 0, n);
        if (decoded < 0) {
            rejectedCobs++;
            return;
        }
        if (decoded < FrameEncoder.OVERHEAD) {
            rejectedShort++;
            return;
        }
        int crc = (buffer[decoded - 2] & 0xFF) | (buffer[decoded - 1] & 0xFF) << 8;
        if (Crc16.compute(buffer, 0, decoded - 2) != crc) {
            rejectedCrc++;
            return;
        }
        MessageType type = MessageType.of(buffer[0]);
        if (type == null) {
            rejectedUnknownType++;
            return;
        }
        if (decoded - FrameEncoder.OVERHEAD != type.payloadLength()) {
            rejectedLength++;
            return;
        }
        int sequence = buffer[1] & 0xFF;
        if (lastSequence >= 0) {
            sequenceGaps += (sequence - lastSequence - 1) & 0xFF;
        }
        lastSequence = sequence;
        accepted++;
        handler.onFrame(type, sequence, buffer, 2);
    }

    /** Valid frames delivered. */
    public long accepted() {
        return accepted;
    }

    /** Back-to-back delimiters (idle fill); neither accepted nor rejected. */
    public long empty() {
        return empty;
    }

    /** Frames rejected for any reason. */
    public long rejected() {
        return rejectedOverlong + rejectedCobs + rejectedShort + rejectedCrc + rejectedUnknownType + rejectedLength;
    }

    public long rejectedOverlong() {
        return rejectedOverlong;
    }

    public long rejectedCobs() {
        return rejectedCobs;
    }

    public long rejectedShort() {
        return rejectedShort;
    }

    public long rejectedCrc() {
        return rejectedCrc;
    }

    public long rejectedUnknownType() {
        return rejectedUnknownType;
    }

    public long rejectedLength() {
        return rejectedLength;
    }

    /** Frames the peer sent that never arrived valid, estimated from sequence number jumps. */
    public long sequenceGaps() {
        return sequenceGaps;
    }

    /** Bytes buffered of a frame not yet delimited. */
    public int pending() {
        return length;
    }

    @Override
    public String toString() {
        return "accepted=" + accepted + " rejected=" + rejected() + " (overlong=" + rejectedOverlong
                + " cobs=" + rejectedCobs + " short=" + rejectedShort + " crc=" + rejectedCrc
                + " unknown_type=" + rejectedUnknownType + " length=" + rejectedLength + ") gaps=" + sequenceGaps;
    }
}
