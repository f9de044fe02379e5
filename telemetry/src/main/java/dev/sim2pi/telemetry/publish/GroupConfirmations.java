package dev.sim2pi.telemetry.publish;

import java.util.Map;
import java.util.TreeMap;

/**
 * Joins the confirmations of the recorders of a shared subscription group: each stored only the
 * batches the broker handed it, so each confirms runs of frames, and together they confirm
 * everything up to {@link #through()}. Memory is bounded: runs beyond {@value #MAX_RUNS} (the
 * highest) are forgotten and confirmed again by the recorders' next report.
 */
final class GroupConfirmations {

    static final int MAX_RUNS = 4096;

    private long through = -1;
    /** Confirmed runs above {@link #through}: first to last sequence, inclusive. */
    private final TreeMap<Long, Long> runs = new TreeMap<>();

    /** Frames up to {@code last} are stored by some recorder. */
    void confirmThrough(long last) {
        add(0, last);
    }

    /** Adds runs given as pairs of first and last sequence; an odd last number is ignored. */
    void addRuns(java.util.List<Long> pairs) {
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            add(pairs.get(i), pairs.get(i + 1));
        }
    }

    private void add(long first, long last) {
        if (last <= through || last < first) {
            return;
        }
        first = Math.max(first, through + 1);
        Map.Entry<Long, Long> before = runs.floorEntry(first);
        if (before != null && before.getValue() >= first - 1) {
            first = before.getKey();
            last = Math.max(last, before.getValue());
            runs.remove(before.getKey());
        }
        Map.Entry<Long, Long> next;
        while ((next = runs.ceilingEntry(first)) != null && next.getKey() <= last + 1) {
            last = Math.max(last, next.getValue());
            runs.remove(next.getKey());
        }
        runs.put(first, last);
        Map.Entry<Long, Long> lowest = runs.firstEntry();
        while (lowest != null && lowest.getKey() <= through + 1) {
            through = Math.max(through, lowest.getValue());
            runs.remove(lowest.getKey());
            lowest = runs.firstEntry();
        }
        while (runs.size() > MAX_RUNS) {
            runs.pollLastEntry();
        }
    }

    /** Every frame up to this sequence is stored by a recorder of the group (-1 before any). */
    long through() {
        return through;
    }
}
