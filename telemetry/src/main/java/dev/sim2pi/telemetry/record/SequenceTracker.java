package dev.sim2pi.telemetry.record;

import java.util.Map;
import java.util.TreeMap;

/**
 * Which frame sequence numbers of one session have been written: decides whether an arriving
 * frame is new or a duplicate (QoS 1 redelivery, spool replay) and counts the numbers still
 * missing. Memory is proportional to the number of gaps, not frames.
 */
public final class SequenceTracker {

    private long next;
    /** Missing ranges below {@link #next}: start to end (exclusive). */
    private final TreeMap<Long, Long> missing = new TreeMap<>();
    private long missingCount;

    /** Returns true if {@code seq} is new (and records it), false if it was seen before. */
    public boolean accept(long seq) {
        if (seq >= next) {
            if (seq > next) {
                missing.put(next, seq);
                missingCount += seq - next;
            }
            next = seq + 1;
            return true;
        }
        Map.Entry<Long, Long> range = missing.floorEntry(seq);
        if (range == null || seq >= range.getValue()) {
            return false;
        }
        long start = range.getKey();
        long end = range.getValue();
        missing.remove(start);
        if (start < seq) {
            missing.put(start, seq);
        }
        if (seq + 1 < end) {
            missing.put(seq + 1, end);
        }
        missingCount--;
        return true;
    }

    /**
     * Marks {@code [from, to)} as settled without data: numbers the source dropped and declared.
     * Returns how many of them were not settled before.
     */
    public long settle(long from, long to) {
        long n = 0;
        for (long s = from; s < to; s++) {
            if (accept(s)) {
                n++;
            }
        }
        return n;
    }

    /** Highest sequence number below which nothing is missing (-1 if none yet). */
    public long contiguousThrough() {
        return missing.isEmpty() ? next - 1 : missing.firstKey() - 1;
    }

    /** Sequence numbers below the highest seen that never arrived. */
    public long missing() {
        return missingCount;
    }

    /** Number of separate gaps. */
    public int gaps() {
        return missing.size();
    }

    /** One past the highest sequence number seen. */
    public long next() {
        return next;
    }
}
