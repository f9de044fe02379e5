package dev.sim2pi.trainer.finetune;

import java.nio.file.Path;

/**
 * What a fine-tuning run is asked to do ({@code sim2pi finetune}, or a caller in the same JVM such
 * as the demo).
 *
 * @param bundle              the parent bundle (folder or archive): its weights when {@code run} is null, and
 *                            the lineage of the new bundle in any case
 * @param run                 a {@code sim2pi train} (or earlier {@code finetune}) output folder whose
 *                            {@code checkpoint.bin} holds the full SAC state to start from, or null
 * @param data                recorded datasets ({@code <robot>/<session>/} folders, or one session)
 * @param randomization       the simulator's randomization (e.g. the one {@code sim2pi sysid} re-centred), or
 *                            null for the task's shipped ranges
 * @param twinParams          a reality twin to score the parent and the result on (never trained on), or null
 * @param configFile          SAC settings laid over the fine-tuning defaults, or null
 * @param minutes             wall-clock budget of the learning loop (0 = none: then {@code maxUpdates} bounds it)
 * @param maxUpdates          gradient updates to stop at, or null for the time budget only
 * @param updatesPerStep      update-to-data ratio (gradient updates per simulated env step)
 * @param criticWarmupUpdates updates with the actor frozen first when the critics start fresh (a bundle alone)
 *                            or changed (layer norm added); capped at a quarter of {@code maxUpdates} and at
 *                            a third of the time budget
 * @param scoreEpisodes       episodes of each before/after score (twin and nominal robot)
 * @param seed                run seed
 * @param outDir              output folder: {@code bundle/}, curves, {@code metrics.csv}, {@code summary.json}
 * @param showProgress        draw a progress bar on stderr
 */
public record FinetuneOptions(Path bundle, Path run, Path data, Path randomization, Path twinParams, Path configFile,
                              double minutes, Long maxUpdates, double updatesPerStep, int criticWarmupUpdates,
                              int scoreEpisodes, long seed, Path outDir, boolean showProgress) {

    public static final double DEFAULT_MINUTES = 5;
    public static final double DEFAULT_UPDATES_PER_STEP = 2;
    public static final int DEFAULT_CRITIC_WARMUP_UPDATES = 10_000;
    public static final int DEFAULT_SCORE_EPISODES = 20;

    /** Defaults for everything but the parent bundle, the data and the output folder. */
    public static FinetuneOptions defaults(Path bundle, Path data, Path outDir) {
        return new FinetuneOptions(bundle, null, data, null, null, null, DEFAULT_MINUTES, null,
                DEFAULT_UPDATES_PER_STEP, DEFAULT_CRITIC_WARMUP_UPDATES, DEFAULT_SCORE_EPISODES, 1, outDir, false);
    }

    public FinetuneOptions withRun(Path dir) {
        return new FinetuneOptions(bundle, dir, data, randomization, twinParams, configFile, minutes, maxUpdates,
                updatesPerStep, criticWarmupUpdates, scoreEpisodes, seed, outDir, showProgress);
    }

    public FinetuneOptions withRandomization(Path file) {
        return new FinetuneOptions(bundle, run, data, file, twinParams, configFile, minutes, maxUpdates,
                updatesPerStep, criticWarmupUpdates, scoreEpisodes, seed, outDir, showProgress);
    }

    public FinetuneOptions withTwinParams(Path file) {
        return new FinetuneOptions(bundle, run, data, randomization, file, configFile, minutes, maxUpdates,
                updatesPerStep, criticWarmupUpdates, scoreEpisodes, seed, outDir, showProgress);
    }

    /** A budget: {@code budgetMinutes} of wall time (0 = none) and at most {@code updates} updates (null = none). */
    public FinetuneOptions withBudget(double budgetMinutes, Long updates) {
        return new FinetuneOptions(bundle, run, data, randomization, twinParams, configFile, budgetMinutes, updates,
                updatesPerStep, criticWarmupUpdates, scoreEpisodes, seed, outDir, showProgress);
    }

    public FinetuneOptions withSeed(long s) {
        return new FinetuneOptions(bundle, run, data, randomization, twinParams, configFile, minutes, maxUpdates,
                updatesPerStep, criticWarmupUpdates, scoreEpisodes, s, outDir, showProgress);
    }

    public FinetuneOptions withLearning(double utd, int warmupUpdates, int episodes) {
        return new FinetuneOptions(bundle, run, data, randomization, twinParams, configFile, minutes, maxUpdates,
                utd, warmupUpdates, episodes, seed, outDir, showProgress);
    }

    public FinetuneOptions withConfig(Path file) {
        return new FinetuneOptions(bundle, run, data, randomization, twinParams, file, minutes, maxUpdates,
                updatesPerStep, criticWarmupUpdates, scoreEpisodes, seed, outDir, showProgress);
    }

    public FinetuneOptions withProgress(boolean show) {
        return new FinetuneOptions(bundle, run, data, randomization, twinParams, configFile, minutes, maxUpdates,
                updatesPerStep, criticWarmupUpdates, scoreEpisodes, seed, outDir, show);
    }
}
