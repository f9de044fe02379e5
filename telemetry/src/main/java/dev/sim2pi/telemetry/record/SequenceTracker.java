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

    /** Whether {@code seq} was accepted or settled before (without recording anything). */
    public boolean seen(long seq) {
        if (seq < 0) {
            return true;
        }
        if (seq >= next) {
            return false;
        }
        Map.Entry<Long, Long> range = missing.floorEntry(seq);
        return range == null || seq >= range.getValue();
    }

    /**
     * Marks {@code [from, to)} as settled without data: numbers the source dropped and declared.
     * Returns how many of them were not settled before. Costs one step per gap it touches, not
     * per number, so a hostile range cannot stall the recorder.
     */
    public long settle(long from, long to) {
        if (from < 0 || to <= from) {
            return 0;
        }
        long n = 0;
        // Gaps below next that overlap [from, to).
        Long start = missing.floorKey(from);
        if (start == null || missing.get(start) <= from) {
            start = missing.ceilingKey(from);
        }
        while (start != null && start < to) {
            long end = missing.get(start);
            long cutFrom = Math.max(start, from);
            long cutTo = Math.min(end, to);
            missing.remove(start);
            if (start < cutFrom) {
                missing.put(start, cutFrom);
            }
            if (cutTo < end) {
                missing.put(cutTo, end);
            }
            n += cutTo - cutFrom;
            missingCount -= cutTo - cutFrom;
            start = missing.ceilingKey(end);
        }
        if (to > next) {
            long newFrom = Math.max(from, next);
            if (newFrom > next) {
                missing.put(next, newFrom);
                missingCount += newFrom - next;
            }
            n += to - newFrom;
            next = to;
        }
        return n;
    }

    /**
     * Settles everything below {@code floor} that is still missing: numbers a publisher will
     * never send again. Returns how many that were.
     */
    public long settleBelow(long floor) {
        return floor <= 0 ? 0 : settle(0, floor);
    }

    /**
     * The stored runs above {@link #contiguousThrough()}, lowest first, as pairs of first and last
     * sequence (inclusive), at most {@code maxRuns} of them.
     */
    public long[] storedRunsAbove(int maxRuns) {
        java.util.List<Long> out = new java.util.ArrayList<>();
        Long runStart = null;
        for (Map.Entry<Long, Long> gap : missing.entrySet()) {
            if (runStart != null) {
                if (out.size() / 2 >= maxRuns) {
                    break;
                }
                out.add(runStart);
                out.add(gap.getKey() - 1);
            }
            runStart = gap.getValue();
        }
        if (runStart != null && runStart < next && out.size() / 2 < maxRuns) {
            out.add(runStart);
            out.add(next - 1);
        }
        return out.stream().mapToLong(Long::longValue).toArray();
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
