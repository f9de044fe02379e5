package dev.sim2pi.bridge.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MessageRoundTripTest {

    private static List<Message> samples(SplittableRandom r) {
        Hello hello = new Hello();
        hello.major = r.nextInt(256);
        hello.minor = r.nextInt(256);
        HelloAck ack = new HelloAck();
        ack.major = 1;
        ack.minor = r.nextInt(256);
        ack.motors = 2;
        ack.encoders = 2;
        ack.servos = 4;
        ack.flags = 1;
        ack.firmwareVersion = r.nextLong(1L << 32);
        Heartbeat hb = new Heartbeat();
        hb.uptimeMillis = r.nextLong(1L << 32);
        MotorCommand mc = new MotorCommand();
        mc.enableMask = r.nextInt(16);
        mc.brakeMask = r.nextInt(16);
        mc.ttlMillis = r.nextInt(65536);
        mc.sentMillis = r.nextLong(1L << 32);
        for (int i = 0; i < mc.duty.length; i++) {
            mc.duty[i] = r.nextInt(-32767, 32768);
        }
        MotorEnable me = new MotorEnable();
        me.clearFaults = r.nextInt(256);
        ServoCommand sc = new ServoCommand();
        for (int i = 0; i < sc.pulseMicros.length; i++) {
            sc.pulseMicros[i] = r.nextInt(65536);
        }
        SensorReport sr = new SensorReport();
        sr.timestampMicros = r.nextLong(1L << 32);
        for (int i = 0; i < sr.ticks.length; i++) {
            sr.ticks[i] = r.nextInt();
        }
        sr.batteryMillivolts = r.nextInt(65536);
        sr.faultFlags = r.nextInt(256);
        sr.motorsEnabledMask = r.nextInt(16);
        Fault f = new Fault();
        f.code = 1 + r.nextInt(7);
        f.detail = r.nextInt(65536);
        f.uptimeMillis = r.nextLong(1L << 32);
        Config c = new Config();
        c.heartbeatTimeoutMillis = r.nextInt(65536);
        c.reportPeriodMillis = r.nextInt(65536);
        c.pwmFrequencyHz = r.nextLong(1L << 32);
        ConfigAck ca = new ConfigAck();
        ca.status = r.nextInt(2);
        ca.config.copyFrom(c);
        return List.of(hello, ack, hb, mc, me, sc, sr, f, c, ca);
    }

    private static Message fresh(MessageType type) {
        return switch (type) {
            case HELLO -> new Hello();
            case HELLO_ACK -> new HelloAck();
            case HEARTBEAT -> new Heartbeat();
            case MOTOR_COMMAND -> new MotorCommand();
            case MOTOR_ENABLE -> new MotorEnable();
            case SERVO_COMMAND -> new ServoCommand();
            case SENSOR_REPORT -> new SensorReport();
            case FAULT -> new Fault();
            case CONFIG -> new Config();
            case CONFIG_ACK -> new ConfigAck();
        };
    }

    @Test
    void everyMessageTypeSurvivesEncodeAndDecode() {
        SplittableRandom r = new SplittableRandom(11);
        FrameEncoder enc = new FrameEncoder();
        FrameDecoder dec = new FrameDecoder();
        byte[] wire = new byte[FrameEncoder.MAX_WIRE_LENGTH];
        EnumSet<MessageType> seen = EnumSet.noneOf(MessageType.class);
        for (int round = 0; round < 200; round++) {
            for (Message m : samples(r)) {
                int n = enc.encode(m, wire, 0);
                List<Message> got = new ArrayList<>();
                dec.accept(wire, 0, n, (type, seq, buf, off) -> {
                    Message back = fresh(type);
                    back.readPayload(buf, off);
                    got.add(back);
                });
                assertEquals(1, got.size(), () -> "decoder: " + dec);
                assertEquals(m, got.get(0), m::toString);
                seen.add(m.type());
            }
        }
        assertEquals(EnumSet.allOf(MessageType.class), seen);
        assertEquals(0, dec.rejected());
        assertEquals(0, dec.sequenceGaps());
    }

    @Test
    void heartbeatFrameMatchesTheWorkedExampleInTheSpec() {
        Heartbeat hb = new Heartbeat();
        hb.uptimeMillis = 1000;
        byte[] wire = new byte[FrameEncoder.MAX_WIRE_LENGTH];
        int n = new FrameEncoder().encode(hb, wire, 0);
        // type 03, seq 00, payload e8 03 00 00, CRC-16/CCITT-FALSE little-endian, then COBS and 00.
        assertEquals(PROTOCOL_EXAMPLE_HEARTBEAT, HexFormat.ofDelimiter(" ").formatHex(wire, 0, n));
    }

    /** Kept equal to the example in PROTOCOL.md. */
    static final String PROTOCOL_EXAMPLE_HEARTBEAT = "02 03 03 e8 03 01 03 89 98 00";

    @Test
    void dutyFractionsAreScaledAndClipped() {
        MotorCommand mc = new MotorCommand();
        mc.setDutyFraction(0, 0.5);
        mc.setDutyFraction(1, -2);
        mc.setDutyFraction(2, Double.NaN);
        assertEquals(16384, mc.duty[0]);
        assertEquals(-32767, mc.duty[1]);
        assertEquals(0, mc.duty[2]);
        assertNotNull(mc.toString());
    }

    @Test
    void framesWithAValidCrcButAnUnknownTypeOrWrongLengthAreCountedApart() {
        FrameDecoder dec = new FrameDecoder();
        feedRaw(dec, new byte[] {(byte) 0x7F, 0, 1, 2});
        feedRaw(dec, new byte[] {3, 1, 1, 2, 3});
        feedRaw(dec, new byte[] {3});
        assertEquals(1, dec.rejectedUnknownType());
        assertEquals(1, dec.rejectedLength());
        assertEquals(1, dec.rejectedCrc() + dec.rejectedShort());
        assertEquals(0, dec.accepted());
        assertEquals(3, dec.rejected());
    }

    /** Appends a correct CRC to {@code body}, COBS-encodes it and feeds it with its delimiter. */
    private static void feedRaw(FrameDecoder dec, byte[] body) {
        byte[] raw = java.util.Arrays.copyOf(body, body.length + 2);
        int crc = Crc16.compute(body, 0, body.length);
        raw[body.length] = (byte) crc;
        raw[body.length + 1] = (byte) (crc >>> 8);
        byte[] wire = new byte[Cobs.maxEncodedLength(raw.length) + 1];
        int n = Cobs.encode(raw, 0, raw.length, wire, 0);
        wire[n] = 0;
        dec.accept(wire, 0, n + 1, (t, s, b, o) -> { });
    }
}
