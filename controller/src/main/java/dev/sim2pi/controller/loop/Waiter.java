package dev.sim2pi.controller.loop;

import dev.sim2pi.models.time.Clock;
import dev.sim2pi.models.time.SteppedClock;
import java.util.concurrent.locks.LockSupport;

/**
 * How the loop waits for the start of its next period. Injected so that tests step a
 * {@link SteppedClock} to the deadline instead of sleeping, and the robot parks then spins.
 */
@FunctionalInterface
public interface Waiter {

    /** Returns once the loop's clock reads at least {@code deadlineNanos}. Must not allocate. */
    void awaitNanos(long deadlineNanos);

    /**
     * Parks until {@code spinNanos} before the deadline, then spins: parking alone wakes tens of
     * microseconds late (Linux timer slack), spinning alone burns a core.
     */
    static Waiter parkThenSpin(Clock clock, long spinNanos) {
        return deadline -> {
            long remaining = deadline - clock.nanoTime();
            while (remaining > spinNanos) {
                LockSupport.parkNanos(remaining - spinNanos);
                remaining = deadline - clock.nanoTime();
            }
            while (deadline - clock.nanoTime() > 0) {
                Thread.onSpinWait();
            }
        };
    }

    /** For tests: time jumps straight to the deadline. */
    static Waiter stepping(SteppedClock clock) {
        return deadline -> {
            long now = clock.nanoTime();
            if (deadline > now) {
                clock.advanceNanos(deadline - now);
            }
        };
    }
}
