package dev.sim2pi.models.time;

/**
 * A monotonic time source in nanoseconds. Everything that waits or stamps time takes one, so
 * tests step time deterministically instead of sleeping.
 */
@FunctionalInterface
public interface Clock {

    /** Monotonic nanoseconds from an arbitrary origin; only differences are meaningful. */
    long nanoTime();

    /** The JVM's monotonic clock ({@link System#nanoTime()}). */
    static Clock system() {
        return System::nanoTime;
    }
}
