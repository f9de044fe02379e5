package dev.sim2pi.controller.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where each overrunning period's time went, so an overrun can be blamed: how late it started
 * (and whether the waiter's park already woke late), each stage's duration, the time inside the
 * iteration but outside every stage, how far past the next grid point it ended, and the loop
 * thread's CPU time over the iteration (CPU time well below wall time: the thread was not
 * running, so the operating system, a hypervisor or a JVM safepoint held it, not our code).
 * The first {@link #CAPACITY} overruns are kept, then the worst (largest end past the grid);
 * all of them count in the per-stage maxima. Preallocated: recording never allocates. Loop
 * thread writes; read once the loop stopped.
 */
public final class OverrunLog {

    /** Overrun records kept in full. */
    public static final int CAPACITY = 16;

    private static final int STAGES = Stage.values().length;
    // Per record: scheduled start, late start, late wake, [stages], outside stages, end past grid, cpu, wall.
    private static final int SCHEDULED = 0;
    private static final int LATE_START = 1;
    private static final int LATE_WAKE = 2;
    private static final int FIRST_STAGE = 3;
    private static final int OUTSIDE = FIRST_STAGE + STAGES;
    private static final int PAST_GRID = OUTSIDE + 1;
    private static final int CPU = PAST_GRID + 1;
    private static final int WALL = CPU + 1;
    private static final int WIDTH = WALL + 1;

    private final long[] records = new long[(CAPACITY + 1) * WIDTH];
    private final long[] max = new long[WIDTH];
    private long count;
    private long originNanos;
    private boolean originSet;

    /** Clock reading that record times are printed relative to (the loop's first grid point); the first call counts. */
    void origin(long nanos) {
        if (!originSet) {
            originNanos = nanos;
            originSet = true;
        }
    }

    /**
     * Records one overrunning period.
     *
     * @param stageNanos   each {@link Stage}'s duration, in stage order
     * @param lateWakeNanos how late the waiter's last park returned against the period's start (negative: in time)
     * @param cpuNanos     the loop thread's CPU time over the iteration, or -1 if not measured
     */
    void record(long scheduledNanos, long startNanos, long endNanos, long nextGridNanos, long lateWakeNanos,
                long[] stageNanos, long cpuNanos) {
        int slot = count < CAPACITY ? (int) count : CAPACITY;
        long past = endNanos - nextGridNanos;
        count++;
        if (slot == CAPACITY && past <= records[CAPACITY * WIDTH + PAST_GRID] && count > CAPACITY + 1) {
            updateMax(startNanos - scheduledNanos, lateWakeNanos, stageNanos, endNanos - startNanos, past, cpuNanos);
            return;
        }
        int o = slot * WIDTH;
        long inStages = 0;
        records[o + SCHEDULED] = scheduledNanos;
        records[o + LATE_START] = startNanos - scheduledNanos;
        records[o + LATE_WAKE] = lateWakeNanos;
        for (int s = 0; s < STAGES; s++) {
            records[o + FIRST_STAGE + s] = stageNanos[s];
            inStages += stageNanos[s];
        }
        records[o + OUTSIDE] = endNanos - startNanos - inStages;
        records[o + PAST_GRID] = past;
        records[o + CPU] = cpuNanos;
        records[o + WALL] = endNanos - startNanos;
        updateMax(startNanos - scheduledNanos, lateWakeNanos, stageNanos, endNanos - startNanos, past, cpuNanos);
    }

    private void updateMax(long late, long lateWake, long[] stageNanos, long wall, long past, long cpu) {
        long inStages = 0;
        max[LATE_START] = Math.max(max[LATE_START], late);
        max[LATE_WAKE] = Math.max(max[LATE_WAKE], lateWake);
        for (int s = 0; s < STAGES; s++) {
            max[FIRST_STAGE + s] = Math.max(max[FIRST_STAGE + s], stageNanos[s]);
            inStages += stageNanos[s];
        }
        max[OUTSIDE] = Math.max(max[OUTSIDE], wall - inStages);
        max[PAST_GRID] = Math.max(max[PAST_GRID], past);
        max[CPU] = Math.max(max[CPU], cpu);
        max[WALL] = Math.max(max[WALL], wall);
    }

    /** Overruns recorded (all of them, kept or not). */
    public long count() {
        return count;
    }

    /** One overrunning period, in microseconds; {@code atSeconds} from the loop's first grid point. */
    public record Overrun(double atSeconds, double lateStartMicros, double lateWakeMicros, double[] stageMicros,
                          double outsideStagesMicros, double endPastGridMicros, double cpuMicros, double wallMicros) {

        /** What the record says took the time: a stage, the start, or "not running" time. */
        public String blame() {
            String worst = "late_start";
            double worstMicros = lateStartMicros;
            Stage[] stages = Stage.values();
            for (int s = 0; s < stageMicros.length; s++) {
                if (stageMicros[s] > worstMicros) {
                    worst = stages[s].label();
                    worstMicros = stageMicros[s];
                }
            }
            if (outsideStagesMicros > worstMicros) {
                worst = "outside_stages";
            }
            boolean descheduled = cpuMicros >= 0 && wallMicros - cpuMicros > 0.5 * wallMicros;
            return worst + (descheduled ? " (thread not running)" : "");
        }

        /** One line for a summary. */
        public String describe() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "overrun at t=%.3f s: blame %s; late start %.0f us (park woke %.0f us late)", atSeconds, blame(),
                    lateStartMicros, lateWakeMicros));
            Stage[] stages = Stage.values();
            for (int s = 0; s < stageMicros.length; s++) {
                sb.append(String.format(Locale.ROOT, ", %s %.0f", stages[s].label(), stageMicros[s]));
            }
            sb.append(String.format(Locale.ROOT, ", outside stages %.0f us; iteration %.0f us wall, %s; ended %.0f us past the grid",
                    outsideStagesMicros, wallMicros, cpuMicros < 0 ? "cpu unmeasured" : String.format(Locale.ROOT, "%.0f us cpu", cpuMicros),
                    endPastGridMicros));
            return sb.toString();
        }
    }

    /** The kept records, in the order they happened. */
    public List<Overrun> overruns() {
        List<Overrun> out = new ArrayList<>();
        int kept = (int) Math.min(count, CAPACITY + 1);
        for (int slot = 0; slot < kept; slot++) {
            out.add(at(slot * WIDTH, records[slot * WIDTH + SCHEDULED]));
        }
        return out;
    }

    /** The largest of each quantity over every overrun (a synthetic record: its parts may come from different periods). */
    public Overrun maxima() {
        return at(-1, originNanos);
    }

    private Overrun at(int o, long scheduled) {
        long[] a = o < 0 ? max : records;
        int b = Math.max(o, 0);
        double[] stages = new double[STAGES];
        for (int s = 0; s < STAGES; s++) {
            stages[s] = a[b + FIRST_STAGE + s] / 1000.0;
        }
        return new Overrun((scheduled - originNanos) * 1e-9, a[b + LATE_START] / 1000.0, a[b + LATE_WAKE] / 1000.0, stages,
                a[b + OUTSIDE] / 1000.0, a[b + PAST_GRID] / 1000.0, a[b + CPU] / 1000.0, a[b + WALL] / 1000.0);
    }

    /** Forgets everything (with the timings, after a warm-up). */
    void reset() {
        java.util.Arrays.fill(records, 0);
        java.util.Arrays.fill(max, 0);
        count = 0;
    }
}
