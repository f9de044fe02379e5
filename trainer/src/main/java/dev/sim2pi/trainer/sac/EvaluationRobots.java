package dev.sim2pi.trainer.sac;

/**
 * The two fixed sets of evaluation robots a run uses, both drawn apart from the training robots.
 * The learning curve and the choice of the exported actor use {@link #SELECTION}; the score a
 * bundle and {@code summary.json} report for that actor comes from {@link #REPORT}, robots that
 * took no part in choosing it, so picking the best of many evaluations does not inflate it.
 *
 * <p>A set is the first episode of each environment of a simulator reset with
 * {@code runSeed + offset}; the simulator draws every (seed, env, episode) from its own mixed
 * stream, so different offsets give unrelated robots. The nominal robot has no randomized
 * parameters, so both sets share it (with different initial states).
 */
public enum EvaluationRobots {

    /** Chooses the exported actor; every periodic evaluation and {@code metrics.csv} use it. */
    SELECTION(0x5EEDL << 40, "selection"),
    /** Scores the exported actor once, at the end of the run. */
    REPORT(0x7E57L << 40, "report");

    private final long seedOffset;
    private final String label;

    EvaluationRobots(long seedOffset, String label) {
        this.seedOffset = seedOffset;
        this.label = label;
    }

    /** The simulator seed of this set for a run seeded {@code runSeed}. */
    public long seed(long runSeed) {
        return runSeed + seedOffset;
    }

    /** {@code selection} or {@code report}, as the summary and provenance name the set. */
    public String label() {
        return label;
    }
}
