package dev.sim2pi.trainer.sac;

/**
 * A policy snapshot with the evaluation it got: what a run keeps as its best actor so far, and
 * what a checkpoint carries so a resumed run still exports the best actor of the whole run.
 *
 * @param envSteps env steps trained when the policy was snapshotted
 * @param result   its evaluation on the {@link EvaluationRobots#SELECTION} robots (null for an actor
 *                 exported without any evaluation, e.g. an old checkpoint resumed at its end)
 * @param policy   the frozen policy
 */
public record EvaluatedPolicy(long envSteps, Evaluator.Result result, PolicySnapshot policy) {
}
