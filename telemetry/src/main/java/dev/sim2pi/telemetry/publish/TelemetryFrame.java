package dev.sim2pi.telemetry.publish;

/**
 * The control thread's handle for writing one frame per loop iteration straight into the
 * publisher's preallocated ring: {@link #begin}, set the fields, {@link #commit}. Never blocks,
 * never allocates. When the ring is full the frame is dropped and counted; its setters then do
 * nothing, so the loop needs no special case. Only one thread may use a given instance.
 */
public final class TelemetryFrame {

    private final FrameRing ring;
    private long next;
    private long sequence;
    private long dropped;
    private int slot = -1;

    TelemetryFrame(FrameRing ring) {
        this.ring = ring;
    }

    /**
     * Claims the next slot and stamps it; fields not set before {@link #commit} are zero.
     *
     * @param timestampNanos monotonic clock reading of this iteration (for example {@code System.nanoTime()})
     * @return false when the ring was full and this frame is dropped (its sequence number is then skipped)
     */
    public boolean begin(long timestampNanos) {
        long seq = sequence++;
        if (!ring.hasRoomFor(next)) {
            dropped++;
            slot = -1;
            return false;
        }
        slot = ring.slot(next);
        ring.timestampNanos[slot] = timestampNanos;
        ring.sequence[slot] = seq;
        ring.safetyFlags[slot] = 0;
        ring.startLatenessNanos[slot] = 0;
        java.util.Arrays.fill(ring.stageNanos, slot * ring.stageCount, (slot + 1) * ring.stageCount, 0L);
        return true;
    }

    /** Raw sensor readings in the layout's order, converted to float. */
    public TelemetryFrame sensors(double[] values, int offset) {
        if (slot >= 0) {
            int base = slot * ring.sensorCount;
            for (int i = 0; i < ring.sensorCount; i++) {
                ring.sensors[base + i] = (float) values[offset + i];
            }
        }
        return this;
    }

    /** The policy input. */
    public TelemetryFrame observation(float[] values, int offset) {
        if (slot >= 0) {
            System.arraycopy(values, offset, ring.observation, slot * ring.observationCount, ring.observationCount);
        }
        return this;
    }

    /** The policy output before safety. */
    public TelemetryFrame policyOutput(float[] values, int offset) {
        if (slot >= 0) {
            System.arraycopy(values, offset, ring.policyOutput, slot * ring.actionCount, ring.actionCount);
        }
        return this;
    }

    /** The command applied to the actuators, converted to float. */
    public TelemetryFrame command(double[] values, int offset) {
        if (slot >= 0) {
            int base = slot * ring.actionCount;
            for (int i = 0; i < ring.actionCount; i++) {
                ring.command[base + i] = (float) values[offset + i];
            }
        }
        return this;
    }

    /** Safety condition bits, named by the layout's safety flag names. */
    public TelemetryFrame safetyFlags(int bits) {
        if (slot >= 0) {
            ring.safetyFlags[slot] = bits;
        }
        return this;
    }

    /** Duration of loop stage {@code stage} (index into the layout's stage names). */
    public TelemetryFrame stageNanos(int stage, long nanos) {
        if (slot >= 0) {
            ring.stageNanos[slot * ring.stageCount + stage] = nanos;
        }
        return this;
    }

    /** How late this iteration started against the period grid. */
    public TelemetryFrame startLatenessNanos(long nanos) {
        if (slot >= 0) {
            ring.startLatenessNanos[slot] = nanos;
        }
        return this;
    }

    /** Hands the frame to the sender thread. */
    public void commit() {
        if (slot >= 0) {
            next++;
            ring.publish(next);
            slot = -1;
        }
    }

    /** Frames dropped because the ring was full (read from the control thread, or approximately from others). */
    public long droppedFrames() {
        return dropped;
    }

    /** Sequence number the next {@link #begin} assigns. */
    public long nextSequence() {
        return sequence;
    }
}
