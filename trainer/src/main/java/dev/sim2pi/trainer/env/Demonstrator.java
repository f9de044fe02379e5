package dev.sim2pi.trainer.env;

/**
 * A classical controller that acts in a {@link TrainingEnv} from its true state, so that a run
 * can start from demonstrations instead of uniform random actions: SAC is off-policy, so
 * transitions a good controller chose teach the critics what balancing and tracking are worth
 * long before the policy's own exploration would find them.
 */
public interface Demonstrator {

    /** Writes every environment's action for the current state ([numEnvs * actionSize], physical units). */
    void act(double[] actions);
}
