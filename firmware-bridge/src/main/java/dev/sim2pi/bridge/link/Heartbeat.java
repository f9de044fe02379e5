package dev.sim2pi.bridge.link;

/** Both ways, periodically: proves the sender is alive. */
public final class Heartbeat extends Message {

    /** Sender's uptime in milliseconds, wrapping at 2^32. */
    public long uptimeMillis;

    @Override
    public MessageType type() {
        return MessageType.HEARTBEAT;
    }

    @Override
    void writePayload(byte[] out, int o) {
        Bytes.put32(out, o, uptimeMillis);
    }

    @Override
    void readPayload(byte[] in, int o) {
        uptimeMillis = Bytes.u32(in, o);
    }

    @Override
    public String toString() {
        return "Heartbeat[" + uptimeMillis + " ms]";
    }
}
