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
     * Clock reading when the last wait stopped sleeping (its park returned for good), or
     * {@link Long#MIN_VALUE} if this waiter does not sleep. Past the deadline, the sleep itself
     * woke late; before it, any lateness arose while spinning (the thread was not running).
     */
    default long wokeNanos() {
        return Long.MIN_VALUE;
    }

    /**
     * Parks until {@code spinNanos} before the deadline, then spins: parking alone wakes tens of
     * microseconds late (Linux timer slack), spinning alone burns a core.
     */
    static Waiter parkThenSpin(Clock clock, long spinNanos) {
        return new Waiter() {
            private long woke = Long.MIN_VALUE;

            @Override
            public void awaitNanos(long deadline) {
                long remaining = deadline - clock.nanoTime();
                while (remaining > spinNanos) {
                    LockSupport.parkNanos(remaining - spinNanos);
                    remaining = deadline - clock.nanoTime();
                }
                woke = deadline - remaining;
                while (deadline - clock.nanoTime() > 0) {
                    Thread.onSpinWait();
                }
            }

            @Override
            public long wokeNanos() {
                return woke;
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
