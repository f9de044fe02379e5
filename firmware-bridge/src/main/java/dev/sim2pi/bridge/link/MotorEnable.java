package dev.sim2pi.bridge.link;

/**
 * Host to MCU: the explicit re-enable after a latching fault (watchdog, overcurrent,
 * undervoltage). Clears the latched faults named in {@link #clearFaults}; the motors stay
 * coasting until the next motor command, which then drives them.
 */
public final class MotorEnable extends Message {

    /** Latched faults to clear: bit {@code code - 1} per fault code. */
    public int clearFaults = Fault.LATCHING_MASK;

    @Override
    public MessageType type() {
        return MessageType.MOTOR_ENABLE;
    }

    @Override
    void writePayload(byte[] out, int o) {
        Bytes.put8(out, o, clearFaults);
    }

    @Override
    void readPayload(byte[] in, int o) {
        clearFaults = Bytes.u8(in, o);
    }

    @Override
    public String toString() {
        return "MotorEnable[clear=" + clearFaults + "]";
    }
}
