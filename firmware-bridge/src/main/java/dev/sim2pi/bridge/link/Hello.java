package dev.sim2pi.bridge.link;

/** Host to MCU, first message after opening the port: the host's protocol version. */
public final class Hello extends Message {

    public int major = MessageType.PROTOCOL_MAJOR;
    public int minor = MessageType.PROTOCOL_MINOR;

    @Override
    public MessageType type() {
        return MessageType.HELLO;
    }

    @Override
    void writePayload(byte[] out, int o) {
        Bytes.put8(out, o, major);
        Bytes.put8(out, o + 1, minor);
    }

    @Override
    void readPayload(byte[] in, int o) {
        major = Bytes.u8(in, o);
        minor = Bytes.u8(in, o + 1);
    }

    @Override
    public String toString() {
        return "Hello[" + major + "." + minor + "]";
    }
}
