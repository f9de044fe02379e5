package dev.sim2pi.controller.loop;

import org.HdrHistogram.Histogram;

/**
 * Preallocated HdrHistograms of each stage's duration and of how late each period started
 * against the grid (start jitter), in nanoseconds. Recording never allocates: values beyond the
 * trackable range are clamped to it. Written by the loop thread only; read once the loop stopped
 * (or, approximately, by a thread that tolerates a torn read of a percentile).
 */
public final class LoopTimings {

    /** Ten seconds: anything longer is recorded as ten seconds. */
    static final long HIGHEST_NANOS = 10_000_000_000L;

    private final Histogram[] stages = new Histogram[Stage.values().length];
    private final Histogram jitter = histogram();
    private final Histogram iteration = histogram();

    public LoopTimings() {
        for (int i = 0; i < stages.length; i++) {
            stages[i] = histogram();
        }
    }

    private static Histogram histogram() {
        return new Histogram(HIGHEST_NANOS, 3);
    }

    private static void record(Histogram h, long nanos) {
        h.recordValue(nanos < 0 ? 0 : Math.min(nanos, HIGHEST_NANOS));
    }

    /** Records every stage's duration, in {@link Stage} order. */
    void stages(long[] stageNanos) {
        for (int i = 0; i < stages.length; i++) {
            record(stages[i], stageNanos[i]);
        }
    }

    void startJitter(long nanos) {
        record(jitter, nanos);
    }

    void iteration(long nanos) {
        record(iteration, nanos);
    }

    /** Forgets everything recorded (the loop thread calls this after warm-up). */
    void reset() {
        for (Histogram h : stages) {
            h.reset();
        }
        jitter.reset();
        iteration.reset();
    }

    public Histogram stage(Stage stage) {
        return stages[stage.ordinal()];
    }

    public Histogram startJitter() {
        return jitter;
    }

    public Histogram iteration() {
        return iteration;
    }
}
