package dev.sim2pi.bridge.link;

/** MCU to host: the settings now in force, and whether the requested ones were accepted. */
public final class ConfigAck extends Message {

    public static final int ACCEPTED = 0;
    public static final int REJECTED = 1;

    public int status;
    /** The settings in force after this message (the old ones when rejected). */
    public final Config config = new Config();

    @Override
    public MessageType type() {
        return MessageType.CONFIG_ACK;
    }

    @Override
    void writePayload(byte[] out, int o) {
        Bytes.put8(out, o, status);
        config.writePayload(out, o + 1);
    }

    @Override
    void readPayload(byte[] in, int o) {
        status = Bytes.u8(in, o);
        config.readPayload(in, o + 1);
    }

    @Override
    public String toString() {
        return "ConfigAck[" + (status == ACCEPTED ? "accepted " : "rejected ") + config + "]";
    }
}
