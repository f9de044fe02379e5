package dev.sim2pi.controller.safety;

import dev.sim2pi.models.time.Clock;
import java.util.concurrent.locks.LockSupport;

/**
 * Feed-or-stop, on a thread of its own: the loop feeds it every period; when the last feed is
 * more than {@code missedPeriods} periods old by the loop's clock, this thread puts every
 * actuator in its safe state itself (the loop may be stuck in a device call, a stalled native
 * library or a blocked lock) and latches: the loop sees {@link #tripped()} and faults, and only a
 * reset clears it. It looks at the clock a few times per period.
 */
public final class Watchdog implements AutoCloseable {

    private final Clock clock;
    private final long periodNanos;
    private final long limitNanos;
    private final Runnable makeSafe;
    private final Thread thread;
    private volatile long lastFeedNanos;
    private volatile boolean tripped;
    private volatile boolean fed;
    private volatile long madeSafe;
    private volatile boolean running = true;
    private volatile long trips;
    private volatile long trippedAtNanos;
    private volatile Throwable safeFailure;

    /**
     * @param makeSafe puts every actuator in its safe state; called from the watchdog's thread
     */
    public Watchdog(Clock clock, long periodNanos, int missedPeriods, Runnable makeSafe) {
        this.clock = clock;
        this.periodNanos = periodNanos;
        this.limitNanos = missedPeriods * periodNanos;
        this.makeSafe = makeSafe;
        this.lastFeedNanos = clock.nanoTime();
        this.thread = new Thread(this::watch, "sim2pi-watchdog");
        this.thread.setDaemon(true);
        this.thread.setPriority(Thread.MAX_PRIORITY);
    }

    public Watchdog start() {
        lastFeedNanos = clock.nanoTime();
        thread.start();
        return this;
    }

    /** The loop is alive at {@code nanos} (its clock). */
    public void feed(long nanos) {
        lastFeedNanos = nanos;
        if (!fed) {
            fed = true;
        }
    }

    public boolean tripped() {
        return tripped;
    }

    /** Clears the latch (the loop's reset); the next trip needs a fresh miss. */
    public void clear() {
        lastFeedNanos = clock.nanoTime();
        tripped = false;
    }

    public long trips() {
        return trips;
    }

    /** Times this thread has finished making the actuators safe (one per trip). */
    public long madeSafe() {
        return madeSafe;
    }

    /** Loop clock reading when it last tripped. */
    public long trippedAtNanos() {
        return trippedAtNanos;
    }

    public long lastFeedNanos() {
        return lastFeedNanos;
    }

    /** What making the actuators safe threw, if it did. */
    public Throwable safeFailure() {
        return safeFailure;
    }

    private void watch() {
        long pollNanos = Math.max(100_000L, Math.min(periodNanos / 4, 5_000_000L));
        while (running) {
            long now = clock.nanoTime();
            // No verdict before the loop's first feed: its first period may start later than this thread.
            if (!tripped && fed && now - lastFeedNanos > limitNanos) {
                tripped = true;
                trippedAtNanos = now;
                trips = trips + 1;
                try {
                    makeSafe.run();
                } catch (Throwable t) {
                    safeFailure = t;
                }
                madeSafe = madeSafe + 1;
            }
            LockSupport.parkNanos(pollNanos);
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
