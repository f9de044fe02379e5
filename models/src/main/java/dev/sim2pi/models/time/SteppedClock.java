package dev.sim2pi.models.time;

/**
 * A clock that moves only when told to: tests advance it by a control period and the code under
 * test sees exactly that much time pass. Thread-safe for one writer and many readers.
 */
public final class SteppedClock implements Clock {

    private volatile long nanos;

    /** A clock reading zero. */
    public SteppedClock() {
        this(0L);
    }

    public SteppedClock(long startNanos) {
        this.nanos = startNanos;
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    /** Moves time forward by {@code deltaNanos} (must not be negative: the clock is monotonic). */
    public void advanceNanos(long deltaNanos) {
        if (deltaNanos < 0) {
            throw new IllegalArgumentException("a monotonic clock cannot go back, got " + deltaNanos + " ns");
        }
        nanos += deltaNanos;
    }

    /** Moves time forward by {@code seconds}, rounded to whole nanoseconds. */
    public void advanceSeconds(double seconds) {
        advanceNanos(Math.round(seconds * 1e9));
    }
}
