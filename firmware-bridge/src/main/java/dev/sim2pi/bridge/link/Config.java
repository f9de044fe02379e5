package dev.sim2pi.bridge.link;

/** Host to MCU: link and output settings; the MCU answers with {@link ConfigAck}. */
public final class Config extends Message {

    /** The MCU stops its motors when no heartbeat arrived for this long (10..2000 ms). */
    public int heartbeatTimeoutMillis = 200;
    /** Period of sensor reports (1..1000 ms). */
    public int reportPeriodMillis = 10;
    /** Motor PWM frequency (100..100000 Hz). */
    public long pwmFrequencyHz = 20_000;

    @Override
    public MessageType type() {
        return MessageType.CONFIG;
    }

    @Override
    void writePayload(byte[] out, int o) {
        Bytes.put16(out, o, heartbeatTimeoutMillis);
        Bytes.put16(out, o + 2, reportPeriodMillis);
        Bytes.put32(out, o + 4, pwmFrequencyHz);
    }

    @Override
    void readPayload(byte[] in, int o) {
        heartbeatTimeoutMillis = Bytes.u16(in, o);
        reportPeriodMillis = Bytes.u16(in, o + 2);
        pwmFrequencyHz = Bytes.u32(in, o + 4);
    }

    /** Whether every field is inside the range PROTOCOL.md allows. */
    public boolean isValid() {
        return heartbeatTimeoutMillis >= 10 && heartbeatTimeoutMillis <= 2000
                && reportPeriodMillis >= 1 && reportPeriodMillis <= 1000
                && pwmFrequencyHz >= 100 && pwmFrequencyHz <= 100_000;
    }

    public void copyFrom(Config other) {
        heartbeatTimeoutMillis = other.heartbeatTimeoutMillis;
        reportPeriodMillis = other.reportPeriodMillis;
        pwmFrequencyHz = other.pwmFrequencyHz;
    }

    @Override
    public String toString() {
        return "Config[heartbeatTimeout=" + heartbeatTimeoutMillis + " ms report=" + reportPeriodMillis
                + " ms pwm=" + pwmFrequencyHz + " Hz]";
    }
}
