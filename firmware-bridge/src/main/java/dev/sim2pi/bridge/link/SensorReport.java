package dev.sim2pi.bridge.link;

/** MCU to host, every report period: encoder counts, battery voltage, faults and motor state. */
public final class SensorReport extends Message {

    /** MCU time of the sample in microseconds, wrapping at 2^32. */
    public long timestampMicros;
    /** Encoder counts since MCU start, signed, wrapping at 2^32. */
    public final int[] ticks = new int[MessageType.ENCODERS];
    public int batteryMillivolts;
    /** Faults active now (bit {@code n} = fault code {@code n + 1}). */
    public int faultFlags;
    /** Motors the MCU is driving now; 0 after a heartbeat timeout. */
    public int motorsEnabledMask;

    @Override
    public MessageType type() {
        return MessageType.SENSOR_REPORT;
    }

    @Override
    void writePayload(byte[] out, int o) {
        Bytes.put32(out, o, timestampMicros);
        for (int i = 0; i < ticks.length; i++) {
            Bytes.put32(out, o + 4 + 4 * i, ticks[i]);
        }
        int p = o + 4 + 4 * ticks.length;
        Bytes.put16(out, p, batteryMillivolts);
        Bytes.put8(out, p + 2, faultFlags);
        Bytes.put8(out, p + 3, motorsEnabledMask);
    }

    @Override
    void readPayload(byte[] in, int o) {
        timestampMicros = Bytes.u32(in, o);
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = Bytes.i32(in, o + 4 + 4 * i);
        }
        int p = o + 4 + 4 * ticks.length;
        batteryMillivolts = Bytes.u16(in, p);
        faultFlags = Bytes.u8(in, p + 2);
        motorsEnabledMask = Bytes.u8(in, p + 3);
    }

    /** Copies every field from {@code other}. */
    public void copyFrom(SensorReport other) {
        timestampMicros = other.timestampMicros;
        System.arraycopy(other.ticks, 0, ticks, 0, ticks.length);
        batteryMillivolts = other.batteryMillivolts;
        faultFlags = other.faultFlags;
        motorsEnabledMask = other.motorsEnabledMask;
    }

    @Override
    public String toString() {
        return "SensorReport[t=" + timestampMicros + " us ticks=" + java.util.Arrays.toString(ticks)
                + " battery=" + batteryMillivolts + " mV faults=" + faultFlags + " motors=" + motorsEnabledMask + "]";
    }
}
