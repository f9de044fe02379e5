package dev.sim2pi.trainer.real;

import dev.sim2pi.telemetry.wire.proto.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Orders one session's frames, as stored (arrival order, late resends filling gaps), into runs of
 * one controller process each, sorted by sequence number. Within a run sequence numbers and
 * monotonic timestamps rise together; a frame that breaks this (a sequence number seen before with
 * another timestamp, or a timestamp out of order with its neighbours) comes from a restarted
 * controller and starts a new run. A frame equal in sequence and timestamp to one already held is a
 * duplicate: counted and dropped.
 */
final class FrameRuns {

    private final List<TreeMap<Long, Frame>> runs = new ArrayList<>();
    private long duplicates;

    void add(Frame f) {
        TreeMap<Long, Frame> run = runs.isEmpty() ? null : runs.get(runs.size() - 1);
        if (run != null) {
            Frame same = run.get(f.getSequence());
            if (same != null && same.getTimestampNanos() == f.getTimestampNanos()) {
                duplicates++;
                return;
            }
            if (same == null && fits(run, f)) {
                run.put(f.getSequence(), f);
                return;
            }
        }
        TreeMap<Long, Frame> fresh = new TreeMap<>();
        fresh.put(f.getSequence(), f);
        runs.add(fresh);
    }

    private static boolean fits(TreeMap<Long, Frame> run, Frame f) {
        Map.Entry<Long, Frame> below = run.lowerEntry(f.getSequence());
        Map.Entry<Long, Frame> above = run.higherEntry(f.getSequence());
        return (below == null || below.getValue().getTimestampNanos() < f.getTimestampNanos())
                && (above == null || above.getValue().getTimestampNanos() > f.getTimestampNanos());
    }

    /** The runs in the order they started, each sorted by sequence number. */
    List<List<Frame>> runs() {
        List<List<Frame>> out = new ArrayList<>(runs.size());
        for (TreeMap<Long, Frame> r : runs) {
            out.add(new ArrayList<>(r.values()));
        }
        return out;
    }

    long duplicates() {
        return duplicates;
    }
}
