package dev.sim2pi.controller.loop;

/**
 * The fixed time grid periods start on: {@code origin + k * period}. An iteration that ends after
 * the next grid point is an overrun; the grid points it ran across are skipped, never caught up
 * with a burst of late iterations. Not thread-safe: the loop thread owns it.
 */
public final class PeriodGrid {

    private final long periodNanos;
    private long next;
    private long overruns;
    private long skippedPeriods;

    public PeriodGrid(long originNanos, long periodNanos) {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("period must be positive, got " + periodNanos + " ns");
        }
        this.periodNanos = periodNanos;
        this.next = originNanos;
    }

    /** Starts the grid again at {@code originNanos}; the counts go on. */
    public void restart(long originNanos) {
        next = originNanos;
    }

    /** Scheduled start of the coming iteration. */
    public long next() {
        return next;
    }

    public long periodNanos() {
        return periodNanos;
    }

    /**
     * Moves to the next period after an iteration that ended at {@code endNanos}. When it ended
     * past that period's start, counts an overrun and moves on to the first grid point after it.
     */
    public void advance(long endNanos) {
        next += periodNanos;
        long behind = endNanos - next;
        if (behind > 0) {
            overruns++;
            long skip = behind / periodNanos + 1;
            skippedPeriods += skip;
            next += skip * periodNanos;
        }
    }

    /** Iterations that ran past the start of the next period. */
    public long overruns() {
        return overruns;
    }

    /** Grid points skipped because of overruns (no iteration started on them). */
    public long skippedPeriods() {
        return skippedPeriods;
    }
}
