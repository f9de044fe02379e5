package dev.sim2pi.telemetry.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.testing.Allocations;
import org.junit.jupiter.api.Test;

class TelemetryFrameAllocationTest {

    @Test
    void writingFramesAllocatesNothingAndAFullRingDropsAndCounts() {
        FrameRing ring = new FrameRing(1024, SyntheticFrames.layout());
        TelemetryFrame f = new TelemetryFrame(ring);
        double[] sensors = new double[6];
        float[] obs = new float[4];
        float[] out = new float[2];
        double[] cmd = new double[2];
        Runnable window = () -> {
            for (int i = 0; i < 5000; i++) {
                sensors[0] = i;
                if (f.begin(i)) {
                    f.sensors(sensors, 0).observation(obs, 0).policyOutput(out, 0).command(cmd, 0).safetyFlags(3)
                            .stageNanos(2, 1000).startLatenessNanos(7).commit();
                }
                // The consumer keeps up every 10 frames, as the sender thread would.
                if (i % 10 == 9) {
                    ring.release(ring.published());
                }
            }
        };
        window.run();
        Allocations.assertSomeWindowAllocatesNothing("writing 5000 frames", window, 10);
        long written = f.nextSequence();
        // Nobody consumes: the ring fills, further frames are dropped and counted, never blocked.
        for (int i = 0; i < 2000; i++) {
            f.begin(i);
            f.commit();
        }
        assertTrue(f.droppedFrames() > 0);
        assertEquals(written + 2000, f.nextSequence());
        assertFalse(ring.hasRoomFor(ring.published()));
    }
}
