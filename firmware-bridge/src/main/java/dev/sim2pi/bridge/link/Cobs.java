package dev.sim2pi.bridge.link;

/**
 * Consistent Overhead Byte Stuffing: rewrites a block so it contains no zero byte, at a cost of
 * at most one byte per 254, so a zero byte can delimit frames on the wire.
 */
public final class Cobs {

    private Cobs() {
    }

    /** Largest encoded size of {@code length} input bytes (without the delimiter). */
    public static int maxEncodedLength(int length) {
        return length + length / 254 + 1;
    }

    /**
     * Encodes {@code length} bytes of {@code in} from {@code inOffset} into {@code out} at
     * {@code outOffset}. The output holds no zero byte and no delimiter.
     *
     * @return the number of bytes written
     */
    public static int encode(byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        int codeIndex = outOffset;
        int o = outOffset + 1;
        int code = 1;
        for (int i = inOffset; i < inOffset + length; i++) {
            byte b = in[i];
            if (b != 0) {
                out[o++] = b;
                code++;
            }
            if (b == 0 || code == 0xFF) {
                out[codeIndex] = (byte) code;
                codeIndex = o++;
                code = 1;
            }
        }
        out[codeIndex] = (byte) code;
        return o - outOffset;
    }

    /**
     * Decodes {@code length} encoded bytes (no delimiter) of {@code buf} from {@code offset} in
     * place: the decoded bytes start at {@code offset}. Decoding in place is safe because the
     * output never overtakes the input.
     *
     * @return the decoded length, or -1 when the input is not valid COBS (a zero byte, or a
     *         code byte that points past the end)
     */
    public static int decodeInPlace(byte[] buf, int offset, int length) {
        int end = offset + length;
        int in = offset;
        int out = offset;
        while (in < end) {
            int code = buf[in++] & 0xFF;
            if (code == 0 || in + code - 1 > end) {
                return -1;
            }
            for (int k = 1; k < code; k++) {
                byte b = buf[in++];
                if (b == 0) {
                    return -1;
                }
                buf[out++] = b;
            }
            if (code != 0xFF && in < end) {
                buf[out++] = 0;
            }
        }
        return out - offset;
    }
}
