package dev.sim2pi.telemetry.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sim2pi.telemetry.wire.proto.Frame;
import dev.sim2pi.telemetry.wire.proto.TelemetryBatch;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The hand-written encoder and the classes protoc generates from the shipped .proto agree. */
class BatchEncoderTest {

    private record Cols(float[][] s, float[][] o, float[][] p, float[][] c, long[][] st) implements BatchEncoder.Frames {
        public int sensorCount() { return s[0].length; }
        public int observationCount() { return o[0].length; }
        public int actionCount() { return p[0].length; }
        public int stageCount() { return st[0].length; }
        public long timestampNanos(int slot) { return -5L + slot * 1_000_000_007L; }
        public long sequence(int slot) { return 1L << 40 | slot; }
        public float sensor(int slot, int i) { return s[slot][i]; }
        public float observation(int slot, int i) { return o[slot][i]; }
        public float policyOutput(int slot, int i) { return p[slot][i]; }
        public float command(int slot, int i) { return c[slot][i]; }
        public int safetyFlags(int slot) { return slot == 1 ? 0x80000001 : 0; }
        public long stageNanos(int slot, int i) { return st[slot][i]; }
        public long startLatenessNanos(int slot) { return slot == 0 ? -3 : 123456789; }
    }

    @Test
    void encodedBatchParsesWithGeneratedClassesFieldForField() throws Exception {
        Cols cols = new Cols(
                new float[][] {{1.5f, -2f, Float.NaN}, {0f, 3e9f, -0f}},
                new float[][] {{7f, 8f}, {9f, 10f}},
                new float[][] {{0.25f}, {-0.5f}},
                new float[][] {{0.2f}, {-0.4f}},
                new long[][] {{100, 0, Long.MAX_VALUE}, {5, 6, 7}});
        BatchEncoder enc = new BatchEncoder();
        int len = enc.encode("robot-1", "sess", "pol", 42, 77, 70, cols, new int[] {1, 0}, 2);
        TelemetryBatch b = TelemetryBatch.parseFrom(Arrays.copyOf(enc.buffer(), len));
        assertEquals(WireSchema.VERSION, b.getSchemaVersion());
        assertEquals("robot-1", b.getRobotId());
        assertEquals("sess", b.getSessionId());
        assertEquals("pol", b.getPolicyId());
        assertEquals(42, b.getDroppedFramesTotal());
        assertEquals(77, b.getFirstSequence());
        assertEquals(70, b.getResendFloor());
        assertEquals(2, b.getFramesCount());
        Frame f = b.getFrames(0);
        assertEquals(cols.timestampNanos(1), f.getTimestampNanos());
        assertEquals(cols.sequence(1), f.getSequence());
        assertEquals(java.util.List.of(0f, 3e9f, -0f), f.getSensorsList());
        assertEquals(java.util.List.of(9f, 10f), f.getObservationList());
        assertEquals(java.util.List.of(-0.5f), f.getPolicyOutputList());
        assertEquals(java.util.List.of(-0.4f), f.getCommandList());
        assertEquals(0x80000001, f.getSafetyFlags());
        assertEquals(java.util.List.of(5L, 6L, 7L), f.getStageNanosList());
        assertEquals(123456789, f.getStartLatenessNanos());
        Frame g = b.getFrames(1);
        assertEquals(-3, g.getStartLatenessNanos());
        assertEquals(Long.MAX_VALUE, g.getStageNanos(2));
        assertEquals(Float.NaN, g.getSensors(2));
        // Round trip: the generated encoder produces the same bytes.
        assertEquals(len, b.getSerializedSize());
    }
}
