package dev.sim2pi.trainer.sac;

/**
 * A run's own progress, stored in a checkpoint beside the learner so a resumed run carries on
 * its clock, its solved mark and its choice of exported actor.
 *
 * @param wallSeconds         seconds the run had been going (command time) when saved
 * @param solvedAtEnvSteps    env steps of the first solved evaluation, -1 if none yet
 * @param solvedAtWallSeconds wall seconds of that evaluation
 * @param last                the latest selection evaluation, or null before the first
 * @param best                the best-evaluated actor so far, or null before the first evaluation
 */
public record RunProgress(double wallSeconds, long solvedAtEnvSteps, double solvedAtWallSeconds,
                          Evaluator.Result last, EvaluatedPolicy best) {

    /** Progress with no evaluation recorded yet. */
    public static RunProgress clockOnly(double wallSeconds, long solvedAtEnvSteps, double solvedAtWallSeconds) {
        return new RunProgress(wallSeconds, solvedAtEnvSteps, solvedAtWallSeconds, null, null);
    }
}
