package dev.sim2pi.telemetry.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class TelemetryFrameAllocationTest {

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void writingFramesAllocatesNothingAndAFullRingDropsAndCounts() {
        FrameRing ring = new FrameRing(1024, SimulatedRobot.layout());
        TelemetryFrame f = new TelemetryFrame(ring);
        double[] sensors = new double[6];
        float[] obs = new float[4];
        float[] out = new float[2];
        double[] cmd = new double[2];
        long tid = Thread.currentThread().threadId();
        for (int round = 0; round < 3; round++) {
            long before = threads.getThreadAllocatedBytes(tid);
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
            long allocated = threads.getThreadAllocatedBytes(tid) - before;
            if (round > 0) {
                assertEquals(0, allocated, "bytes allocated writing 5000 frames");
            }
        }
        // Nobody consumes: the ring fills, further frames are dropped and counted, never blocked.
        for (int i = 0; i < 2000; i++) {
            f.begin(i);
            f.commit();
        }
        assertTrue(f.droppedFrames() > 0);
        assertEquals(15000 + 2000, f.nextSequence());
        assertFalse(ring.hasRoomFor(ring.published()));
    }
}
