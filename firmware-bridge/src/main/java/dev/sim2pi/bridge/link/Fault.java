package dev.sim2pi.bridge.link;

/** MCU to host, when a fault starts: what happened; the MCU has already made itself safe. */
public final class Fault extends Message {

    /** Fault codes (PROTOCOL.md, "Fault codes"). */
    public static final int HEARTBEAT_TIMEOUT = 1;
    public static final int OVERCURRENT = 2;
    public static final int UNDERVOLTAGE = 3;
    public static final int BAD_FRAMES = 4;
    public static final int VERSION_MISMATCH = 5;
    public static final int BAD_CONFIG = 6;
    public static final int COMMAND_EXPIRED = 7;
    /**
     * Faults that stop the motors and latch (bit {@code code - 1} each): motor commands are
     * ignored until a {@link MotorEnable} clears them.
     */
    public static final int LATCHING_MASK = 1 << (HEARTBEAT_TIMEOUT - 1) | 1 << (OVERCURRENT - 1) | 1 << (UNDERVOLTAGE - 1);

    public int code;
    /** Code-specific detail (e.g. frames rejected so far, millivolts). */
    public int detail;
    public long uptimeMillis;

    @Override
    public MessageType type() {
        return MessageType.FAULT;
    }

    @Override
    void writePayload(byte[] out, int o) {
        Bytes.put8(out, o, code);
        Bytes.put8(out, o + 1, 0);
        Bytes.put16(out, o + 2, detail);
        Bytes.put32(out, o + 4, uptimeMillis);
    }

    @Override
    void readPayload(byte[] in, int o) {
        code = Bytes.u8(in, o);
        detail = Bytes.u16(in, o + 2);
        uptimeMillis = Bytes.u32(in, o + 4);
    }

    @Override
    public String toString() {
        return "Fault[code=" + code + " detail=" + detail + " at " + uptimeMillis + " ms]";
    }
}
