package dev.sim2pi.telemetry.publish;

import dev.sim2pi.telemetry.Topics;

/**
 * How a message is stored in the spool: one leading byte says which topic it goes to (a batch,
 * the session announcement, an event), the rest is the payload as published.
 */
final class SpoolRecord {

    static final byte BATCH = 1;
    static final byte SESSION = 2;
    static final byte EVENT = 3;

    private SpoolRecord() {
    }

    /** {@code payload} behind its kind byte. */
    static byte[] tagged(byte kind, byte[] payload) {
        return tagged(kind, payload, payload.length);
    }

    /** The first {@code len} bytes of {@code payload} behind its kind byte. */
    static byte[] tagged(byte kind, byte[] payload, int len) {
        byte[] out = new byte[len + 1];
        out[0] = kind;
        System.arraycopy(payload, 0, out, 1, len);
        return out;
    }

    /** The topic of a stored record of {@code robotId}. */
    static String topic(byte[] stored, String robotId) {
        return switch (stored[0]) {
            case BATCH -> Topics.telemetry(robotId);
            case SESSION -> Topics.session(robotId);
            case EVENT -> Topics.events(robotId);
            default -> throw new IllegalStateException("unknown spool record kind " + stored[0]);
        };
    }

    /** The session announcement is retained, so a recorder that comes later still learns the layout. */
    static boolean retained(byte[] stored) {
        return stored[0] == SESSION;
    }

    static byte[] payload(byte[] stored) {
        return java.util.Arrays.copyOfRange(stored, 1, stored.length);
    }
}
