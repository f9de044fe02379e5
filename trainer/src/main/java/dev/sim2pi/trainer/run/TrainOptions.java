package dev.sim2pi.trainer.run;

import java.nio.file.Path;

/**
 * What {@code sim2pi train} was asked to do.
 *
 * @param taskId       robot task id
 * @param configFile   user config overriding the task's default, or null
 * @param seed         run seed
 * @param maxEnvSteps  run length override, or null for the config's
 * @param device       {@code cpu} or {@code cuda}
 * @param outDir       output folder
 * @param resume       continue from {@code outDir/checkpoint.bin}
 * @param startNanos   {@link System#nanoTime()} when the command started (wall seconds count from here)
 * @param showProgress draw a progress bar on stderr
 * @param exportBundle write the policy bundle at the end
 * @param twinParams   train (and evaluate) on the reality twin with these parameters instead of the
 *                     randomized sim: the oracle fine-tuning is measured against; null for the sim
 */
public record TrainOptions(String taskId, Path configFile, long seed, Long maxEnvSteps, String device, Path outDir,
                           boolean resume, long startNanos, boolean showProgress, boolean exportBundle,
                           Path twinParams) {

    /** Options for the randomized sim (no twin). */
    public TrainOptions(String taskId, Path configFile, long seed, Long maxEnvSteps, String device, Path outDir,
                        boolean resume, long startNanos, boolean showProgress, boolean exportBundle) {
        this(taskId, configFile, seed, maxEnvSteps, device, outDir, resume, startNanos, showProgress, exportBundle,
                null);
    }
}
