package dev.sim2pi.telemetry.publish;

import dev.sim2pi.telemetry.wire.BatchEncoder;
import java.io.IOException;

/**
 * Cuts the frames waiting in the ring into {@code TelemetryBatch} messages and appends them to the
 * spool, each declaring where the robot's memory starts (its resend floor). Sender thread only;
 * the encoder and slot list are reused, so cutting allocates only the stored message.
 */
final class BatchCutter {

    static final int MAX_FRAMES_PER_BATCH = 2048;

    private final String robotId;
    private final String sessionId;
    private final BatchEncoder encoder = new BatchEncoder();
    private final int[] slots = new int[MAX_FRAMES_PER_BATCH];
    /** Sequence number following the last frame of the previous batch. */
    private long nextBatchSequence;

    BatchCutter(String robotId, String sessionId) {
        this.robotId = robotId;
        this.sessionId = sessionId;
    }

    /**
     * Spools everything the ring holds, at most {@value #MAX_FRAMES_PER_BATCH} frames per batch.
     * Spooled first, released after: frames a full disk refused stay in the ring for the next try.
     */
    void cut(FrameRing ring, RingFrames frames, Spool spool, String policyId, long droppedFrames) throws IOException {
        long from = ring.consumed();
        long to = ring.published();
        while (from < to) {
            int count = (int) Math.min(MAX_FRAMES_PER_BATCH, to - from);
            for (int k = 0; k < count; k++) {
                slots[k] = ring.slot(from + k);
            }
            long firstSequence = ring.sequence[slots[0]];
            long lastSequence = ring.sequence[slots[count - 1]];
            int len = encoder.encode(robotId, sessionId, policyId, droppedFrames, nextBatchSequence,
                    Math.min(spool.resendFloor(), firstSequence), frames, slots, count);
            byte[] msg = SpoolRecord.tagged(SpoolRecord.BATCH, encoder.buffer(), len);
            spool.append(msg, msg.length, firstSequence, lastSequence);
            nextBatchSequence = lastSequence + 1;
            from += count;
            ring.release(from);
        }
    }

    /** Spools a batch without frames whose only news is the resend floor. */
    void declareFloor(Spool spool, String policyId, long droppedFrames) throws IOException {
        int len = encoder.encode(robotId, sessionId, policyId, droppedFrames, nextBatchSequence,
                Math.min(spool.resendFloor(), nextBatchSequence), null, slots, 0);
        byte[] msg = SpoolRecord.tagged(SpoolRecord.BATCH, encoder.buffer(), len);
        spool.append(msg, msg.length);
    }
}
