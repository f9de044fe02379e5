package dev.sim2pi.bridge.link;

/** MCU to host, answer to {@link Hello}: the firmware's protocol version and what it drives. */
public final class HelloAck extends Message {

    /** Flag bit: the MCU measures battery voltage. */
    public static final int FLAG_BATTERY_SENSE = 1;

    public int major;
    public int minor;
    public int motors;
    public int encoders;
    public int servos;
    public int flags;
    /** Firmware build number, free-form (e.g. yyyymmddNN). */
    public long firmwareVersion;

    @Override
    public MessageType type() {
        return MessageType.HELLO_ACK;
    }

    @Override
    void writePayload(byte[] out, int o) {
        Bytes.put8(out, o, major);
        Bytes.put8(out, o + 1, minor);
        Bytes.put8(out, o + 2, motors);
        Bytes.put8(out, o + 3, encoders);
        Bytes.put8(out, o + 4, servos);
        Bytes.put8(out, o + 5, flags);
        Bytes.put32(out, o + 6, firmwareVersion);
    }

    @Override
    void readPayload(byte[] in, int o) {
        major = Bytes.u8(in, o);
        minor = Bytes.u8(in, o + 1);
        motors = Bytes.u8(in, o + 2);
        encoders = Bytes.u8(in, o + 3);
        servos = Bytes.u8(in, o + 4);
        flags = Bytes.u8(in, o + 5);
        firmwareVersion = Bytes.u32(in, o + 6);
    }

    @Override
    public String toString() {
        return "HelloAck[" + major + "." + minor + " motors=" + motors + " encoders=" + encoders
                + " servos=" + servos + " flags=" + flags + " firmware=" + firmwareVersion + "]";
    }
}
