package dev.sim2pi.trainer.env;

/** Makes batched environments of one task: for training (randomized) and for evaluation. */
public interface EnvFactory {

    /** Task id, for messages and the summary. */
    String taskId();

    /** A randomized environment with {@code numEnvs} copies. */
    TrainingEnv create(int numEnvs);

    /** An environment that always runs the nominal (unrandomized) model. */
    TrainingEnv createNominal(int numEnvs);
}
