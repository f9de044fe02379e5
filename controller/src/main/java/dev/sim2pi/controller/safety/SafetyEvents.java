package dev.sim2pi.controller.safety;

import dev.sim2pi.controller.loop.Stage;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Every event the loop records: a count per kind, and a ring of the recent ones (kind, stage,
 * value, time) that a drain thread forwards to telemetry. Recording does not allocate, lock or
 * block; when the ring is full the event is still counted, not forwarded ({@link #unforwarded()}).
 * One producer (the loop thread) and one consumer (the drain thread).
 */
public final class SafetyEvents {

    private final int mask;
    private final int[] kinds;
    private final int[] stages;
    private final double[] values;
    private final long[] times;
    private final AtomicLongArray counts = new AtomicLongArray(EventKind.values().length);
    /** Producer side: next sequence to write (loop thread only). */
    private long head;
    private volatile long published;
    private volatile long consumed;
    private volatile long unforwarded;

    /** @param capacity events the ring holds before the drain reads them (rounded up to a power of two) */
    public SafetyEvents(int capacity) {
        int cap = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        mask = cap - 1;
        kinds = new int[cap];
        stages = new int[cap];
        values = new double[cap];
        times = new long[cap];
    }

    /** Counts and queues one event; {@code stage} null for events no loop stage raised (commands). Loop thread only. */
    public void record(EventKind kind, Stage stage, double value, long timeNanos) {
        counts.incrementAndGet(kind.ordinal());
        if (head - consumed > mask) {
            unforwarded = unforwarded + 1;
            return;
        }
        int slot = (int) (head & mask);
        kinds[slot] = kind.ordinal();
        stages[slot] = stage == null ? -1 : stage.ordinal();
        values[slot] = value;
        times[slot] = timeNanos;
        head++;
        published = head;
    }

    /** Counts an event that happened off the loop thread (a watchdog trip), without queueing it. */
    public void countOnly(EventKind kind) {
        counts.incrementAndGet(kind.ordinal());
    }

    public long count(EventKind kind) {
        return counts.get(kind.ordinal());
    }

    /** Safety events so far (lifecycle events excluded). */
    public long safetyTotal() {
        long n = 0;
        for (EventKind k : EventKind.values()) {
            if (k.safety()) {
                n += counts.get(k.ordinal());
            }
        }
        return n;
    }

    /** Events counted but not forwarded because the ring was full. */
    public long unforwarded() {
        return unforwarded;
    }

    /** What the drain thread receives. */
    @FunctionalInterface
    public interface Sink {
        void accept(EventKind kind, Stage stage, double value, long timeNanos);
    }

    /** Hands queued events to {@code sink} in order; one draining thread only. Returns how many. */
    public int drain(Sink sink) {
        long end = published;
        long seq = consumed;
        int n = 0;
        for (; seq < end; seq++, n++) {
            int slot = (int) (seq & mask);
            int stage = stages[slot];
            sink.accept(EventKind.values()[kinds[slot]], stage < 0 ? null : Stage.values()[stage], values[slot],
                    times[slot]);
            consumed = seq + 1;
        }
        return n;
    }
}
