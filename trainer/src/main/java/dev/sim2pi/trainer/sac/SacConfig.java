package dev.sim2pi.trainer.sac;

import java.util.Arrays;

/**
 * Every setting of a SAC run. Shipped per task as JSON ({@code config/<task>.json}, snake case
 * keys) and overridable by a user file; see {@link SacConfigs}.
 *
 * @param task                   robot task id
 * @param numEnvs                environments collected from in lock step
 * @param maxEnvSteps            env steps of the whole run (summed over environments)
 * @param actorHidden            hidden layer widths of the actor
 * @param criticHidden           hidden layer widths of each critic
 * @param batchSize              transitions per gradient update
 * @param bufferSize             replay capacity in transitions
 * @param learningStarts         env steps of uniform random actions before learning starts
 * @param updatesPerStep         gradient updates per env step (update-to-data ratio)
 * @param actorInterval          updates between actor (and temperature) updates
 * @param targetInterval         updates between Polyak updates of the target critics
 * @param gamma                  discount per step
 * @param tau                    Polyak factor of the target critics
 * @param nStep                  steps of the n-step return (1 = plain one-step TD)
 * @param actorLr                actor learning rate
 * @param criticLr               critic learning rate
 * @param alphaLr                temperature learning rate
 * @param initialAlpha           starting temperature
 * @param autoAlpha              whether the temperature is tuned towards the target entropy
 * @param targetEntropy          target entropy per step; null means -|A|
 * @param logStdMin              lowest log standard deviation of the actor
 * @param logStdMax              highest log standard deviation of the actor
 * @param normalizeObservations  whether a running mean/std normalizes the actor's and critics' input
 * @param evalInterval           env steps between evaluations
 * @param evalEpisodes           randomized robots in each evaluation set (selection and report, both apart from training); one nominal episode is added
 * @param solvedThreshold        mean deterministic evaluation return that counts as solved
 * @param checkpointInterval     env steps between checkpoints (0 = only at the end)
 * @param engine                 {@code auto}, {@code java} or {@code djl}
 * @param randomActionHold       env steps each uniform random action is held before learning starts
 *                               (1 = white noise; longer holds explore tasks that need sustained pushes)
 * @param demonstrationSteps     env steps at the start during which some episodes are driven by the
 *                               task's classical controller (true state); 0 = none
 * @param demonstrationFraction  probability that an episode starting in that time is demonstrated;
 *                               the others collect as usual, so the critics also learn the value of
 *                               the policy's own actions (demonstrations alone left them guessing,
 *                               and the actor chased their guesses off a cliff)
 * @param demonstrationNoise     Gaussian noise added to demonstrated actions (std, in the [-1, 1]
 *                               squashed action scale) so the critics also see near misses
 * @param demonstrationBcWeight  weight of a Q-filtered behaviour-cloning term in the actor's loss:
 *                               on demonstrated transitions whose action the critics value above the
 *                               policy's, the squared distance from the policy's mean action to the
 *                               demonstrated one, scaled by the batch's mean |Q| so the weight does
 *                               not depend on the reward scale; 0 = off. It fades by itself once the
 *                               policy is valued above the demonstrator
 * @param criticLayerNorm        whether the critics' hidden layers are layer-normalized before their
 *                               ReLU (as in RLPD, Ball et al. 2023: it bounds how far Q-values can
 *                               extrapolate off the data); {@code offline fine-tuning} turns it on
 */
public record SacConfig(
        String task,
        int numEnvs,
        long maxEnvSteps,
        int[] actorHidden,
        int[] criticHidden,
        int batchSize,
        int bufferSize,
        long learningStarts,
        double updatesPerStep,
        int actorInterval,
        int targetInterval,
        double gamma,
        double tau,
        int nStep,
        double actorLr,
        double criticLr,
        double alphaLr,
        double initialAlpha,
        boolean autoAlpha,
        Double targetEntropy,
        double logStdMin,
        double logStdMax,
        boolean normalizeObservations,
        long evalInterval,
        int evalEpisodes,
        double solvedThreshold,
        long checkpointInterval,
        String engine,
        int randomActionHold,
        long demonstrationSteps,
        double demonstrationFraction,
        double demonstrationNoise,
        double demonstrationBcWeight,
        boolean criticLayerNorm) {

    /** The target entropy in force for {@code actionSize} actions. */
    public double targetEntropyFor(int actionSize) {
        return targetEntropy != null ? targetEntropy : -actionSize;
    }

    /** This configuration with another run length. */
    public SacConfig withMaxEnvSteps(long steps) {
        return new SacConfig(task, numEnvs, steps, actorHidden, criticHidden, batchSize, bufferSize,
                learningStarts, updatesPerStep, actorInterval, targetInterval, gamma, tau, nStep, actorLr,
                criticLr, alphaLr, initialAlpha, autoAlpha, targetEntropy, logStdMin, logStdMax,
                normalizeObservations, evalInterval, evalEpisodes, solvedThreshold, checkpointInterval,
                engine, randomActionHold, demonstrationSteps, demonstrationFraction,
                demonstrationNoise, demonstrationBcWeight, criticLayerNorm);
    }

    /** This configuration with another engine. */
    public SacConfig withEngine(String engineName) {
        return new SacConfig(task, numEnvs, maxEnvSteps, actorHidden, criticHidden, batchSize, bufferSize,
                learningStarts, updatesPerStep, actorInterval, targetInterval, gamma, tau, nStep, actorLr,
                criticLr, alphaLr, initialAlpha, autoAlpha, targetEntropy, logStdMin, logStdMax,
                normalizeObservations, evalInterval, evalEpisodes, solvedThreshold, checkpointInterval,
                engineName, randomActionHold, demonstrationSteps, demonstrationFraction,
                demonstrationNoise, demonstrationBcWeight, criticLayerNorm);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SacConfig c && toString().equals(c.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "SacConfig[task=" + task + ", numEnvs=" + numEnvs + ", maxEnvSteps=" + maxEnvSteps
                + ", actorHidden=" + Arrays.toString(actorHidden) + ", criticHidden=" + Arrays.toString(criticHidden)
                + ", batchSize=" + batchSize + ", bufferSize=" + bufferSize + ", learningStarts=" + learningStarts
                + ", updatesPerStep=" + updatesPerStep + ", actorInterval=" + actorInterval
                + ", targetInterval=" + targetInterval + ", gamma=" + gamma + ", tau=" + tau + ", nStep=" + nStep
                + ", actorLr=" + actorLr + ", criticLr=" + criticLr + ", alphaLr=" + alphaLr
                + ", initialAlpha=" + initialAlpha + ", autoAlpha=" + autoAlpha + ", targetEntropy=" + targetEntropy
                + ", logStdMin=" + logStdMin + ", logStdMax=" + logStdMax
                + ", normalizeObservations=" + normalizeObservations + ", evalInterval=" + evalInterval
                + ", evalEpisodes=" + evalEpisodes + ", solvedThreshold=" + solvedThreshold
                + ", checkpointInterval=" + checkpointInterval + ", engine=" + engine
                + ", randomActionHold=" + randomActionHold + ", demonstrationSteps=" + demonstrationSteps
                + ", demonstrationFraction=" + demonstrationFraction + ", demonstrationNoise=" + demonstrationNoise
                + ", demonstrationBcWeight=" + demonstrationBcWeight
                // Only when on, so runs made before the setting existed keep their identity (resume).
                + (criticLayerNorm ? ", criticLayerNorm=true" : "") + "]";
    }
}
