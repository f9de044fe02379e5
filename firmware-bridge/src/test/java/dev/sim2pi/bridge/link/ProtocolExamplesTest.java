package dev.sim2pi.bridge.link;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Every worked example in PROTOCOL.md is what the encoder writes. */
class ProtocolExamplesTest {

    private static String wire(Message m, int seq) {
        FrameEncoder e = new FrameEncoder();
        byte[] out = new byte[FrameEncoder.MAX_WIRE_LENGTH];
        for (int i = 0; i < seq; i++) {
            e.encode(m, out, 0);
        }
        int n = e.encode(m, out, 0);
        return HexFormat.ofDelimiter(" ").formatHex(out, 0, n);
    }

    @Test
    void theSpecsHexExamplesMatchTheEncoder() throws Exception {
        String spec = Files.readString(Path.of("PROTOCOL.md")).replaceAll("\\s+", " ");
        Heartbeat hb = new Heartbeat();
        hb.uptimeMillis = 1000;
        HelloAck ack = new HelloAck();
        ack.major = 2;
        ack.motors = 2;
        ack.encoders = 2;
        ack.flags = HelloAck.FLAG_BATTERY_SENSE;
        ack.firmwareVersion = 2026112201L;
        MotorCommand mc = new MotorCommand();
        mc.enableMask = 3;
        mc.setDutyFraction(0, 0.5);
        mc.setDutyFraction(1, -0.25);
        mc.ttlMillis = 50;
        mc.sentMillis = 120_000;
        MotorEnable me = new MotorEnable();
        ServoCommand sc = new ServoCommand();
        sc.pulseMicros[0] = 1500;
        SensorReport sr = new SensorReport();
        sr.timestampMicros = 123456;
        sr.ticks[0] = 1320;
        sr.ticks[1] = -42;
        sr.batteryMillivolts = 7400;
        sr.motorsEnabledMask = 3;
        Fault f = new Fault();
        f.code = Fault.HEARTBEAT_TIMEOUT;
        f.detail = 200;
        f.uptimeMillis = 5000;
        Config c = new Config();
        ConfigAck ca = new ConfigAck();
        ca.config.copyFrom(c);
        String[] wires = {wire(hb, 0), wire(new Hello(), 0), wire(ack, 0), wire(mc, 5), wire(me, 7), wire(sc, 6), wire(sr, 9),
                wire(f, 10), wire(c, 1), wire(ca, 1)};
        for (String w : wires) {
            assertTrue(spec.contains(w),
                    "PROTOCOL.md lacks " + w);
        }
    }
}
