package dev.sim2pi.bridge.link;

/** Little-endian reads and writes on byte arrays: the protocol's byte order. */
final class Bytes {

    private Bytes() {
    }

    static int u8(byte[] b, int o) {
        return b[o] & 0xFF;
    }

    static int u16(byte[] b, int o) {
        return (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8;
    }

    static int i16(byte[] b, int o) {
        return (short) u16(b, o);
    }

    static int i32(byte[] b, int o) {
        return (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8 | (b[o + 2] & 0xFF) << 16 | (b[o + 3] & 0xFF) << 24;
    }

    static long u32(byte[] b, int o) {
        return i32(b, o) & 0xFFFF_FFFFL;
    }

    static void put8(byte[] b, int o, int v) {
        b[o] = (byte) v;
    }

    static void put16(byte[] b, int o, int v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >>> 8);
    }

    static void put32(byte[] b, int o, long v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >>> 8);
        b[o + 2] = (byte) (v >>> 16);
        b[o + 3] = (byte) (v >>> 24);
    }
}
