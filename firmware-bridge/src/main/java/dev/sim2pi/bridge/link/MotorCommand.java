package dev.sim2pi.bridge.link;

/**
 * Host to MCU: duty for each motor channel. Duty travels as a signed 16-bit fraction of full
 * scale (32767 = +1.0); a motor whose enable bit is clear coasts; a set brake bit brakes. The
 * command is stamped with the host's uptime when sent and lives {@link #ttlMillis} from then:
 * the MCU does not apply it if it arrives later and coasts the motors when it runs out.
 */
public final class MotorCommand extends Message {

    public static final int FULL_SCALE = 32767;

    public int enableMask;
    public int brakeMask;
    /** How long after {@link #sentMillis} the command may drive the motors, 1..65535 ms. */
    public int ttlMillis;
    /** Host uptime when sent (the clock of its heartbeats), milliseconds wrapping at 2^32. */
    public long sentMillis;
    /** Raw duty per channel, -32767..32767. */
    public final int[] duty = new int[MessageType.MOTORS];

    /** Sets channel {@code i} from a duty fraction, clipped to [-1, 1]. */
    public void setDutyFraction(int i, double dutyFraction) {
        double d = Double.isNaN(dutyFraction) ? 0 : Math.max(-1, Math.min(1, dutyFraction));
        duty[i] = (int) Math.round(d * FULL_SCALE);
    }

    /** Channel {@code i} as a fraction; -32768 counts as -32767. */
    public double dutyFraction(int i) {
        return Math.max(-FULL_SCALE, duty[i]) / (double) FULL_SCALE;
    }

    @Override
    public MessageType type() {
        return MessageType.MOTOR_COMMAND;
    }

    @Override
    void writePayload(byte[] out, int o) {
        Bytes.put8(out, o, enableMask);
        Bytes.put8(out, o + 1, brakeMask);
        Bytes.put16(out, o + 2, ttlMillis);
        Bytes.put32(out, o + 4, sentMillis);
        for (int i = 0; i < duty.length; i++) {
            Bytes.put16(out, o + 8 + 2 * i, duty[i]);
        }
    }

    @Override
    void readPayload(byte[] in, int o) {
        enableMask = Bytes.u8(in, o);
        brakeMask = Bytes.u8(in, o + 1);
        ttlMillis = Bytes.u16(in, o + 2);
        sentMillis = Bytes.u32(in, o + 4);
        for (int i = 0; i < duty.length; i++) {
            duty[i] = Bytes.i16(in, o + 8 + 2 * i);
        }
    }

    /** Copies every field of {@code other} (no allocation). */
    public void copyFrom(MotorCommand other) {
        enableMask = other.enableMask;
        brakeMask = other.brakeMask;
        ttlMillis = other.ttlMillis;
        sentMillis = other.sentMillis;
        System.arraycopy(other.duty, 0, duty, 0, duty.length);
    }

    @Override
    public String toString() {
        return "MotorCommand[enable=" + enableMask + " brake=" + brakeMask + " ttl=" + ttlMillis + " ms sent="
                + sentMillis + " ms duty=" + java.util.Arrays.toString(duty) + "]";
    }
}
