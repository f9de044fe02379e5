package dev.sim2pi.telemetry.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.Topics;
import dev.sim2pi.telemetry.wire.WireSchema;
import dev.sim2pi.telemetry.wire.proto.Frame;
import dev.sim2pi.telemetry.wire.proto.TelemetryBatch;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frames a robot dropped before sending (its ring was full) are reported as such, not as frames
 * lost in transit: the recorder's statistics and status carry the count.
 */
class DroppedAtSourceTest {

    @TempDir
    Path tmp;

    private static byte[] batch(long firstSequence, long from, long to) {
        TelemetryBatch.Builder b = TelemetryBatch.newBuilder().setSchemaVersion(WireSchema.VERSION).setRobotId("r1")
                .setSessionId("s1").setFirstSequence(firstSequence);
        for (long seq = from; seq < to; seq++) {
            b.addFrames(Frame.newBuilder().setSequence(seq).setTimestampNanos(seq * 1_000_000L));
        }
        return b.build().toByteArray();
    }

    @Test
    void framesDeclaredDroppedAtTheSourceAreCountedAndNotMissing() throws Exception {
        // Nothing listens on port 1: the recorder keeps trying in the background, messages are fed directly.
        Recorder recorder = Recorder.start(Recorder.Options.of(MqttSettings.of("tcp://127.0.0.1:1"), tmp, null), null);
        try {
            recorder.handle(Topics.telemetry("r1"), batch(0, 0, 10));
            recorder.handle(Topics.telemetry("r1"), batch(10, 15, 20));
            RecorderStats s = recorder.stats();
            assertEquals(15, s.framesWritten());
            assertEquals(5, s.droppedAtSource(), "sequences 10..14 declared dropped by the robot");
            assertEquals(0, s.missing(), "nothing lost in transit");
        } finally {
            recorder.close();
        }
    }
}
