package dev.sim2pi.cli;

import dev.sim2pi.models.bundle.inference.OnnxPolicyRunner;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.env.EnvOptions;
import dev.sim2pi.sim.env.VectorEnv;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs a deterministic ONNX policy for a number of whole episodes in a task's simulator, many
 * robots at a time so one policy call serves a batch.
 *
 * <p>Episode {@code k} of an evaluation with seed {@code S} is the first episode of a
 * one-environment {@link VectorEnv} of the plant, built with the trainer's options
 * ({@code EnvOptions.defaults().withRandomize(randomize)}) and reset with seed {@code S + k}: its
 * parameters, initial state and noise come from the stream {@code Rng.mix(S + k, 0, 0)}. It
 * is therefore the same robot and run whatever the episode count or batch size, and the same as
 * a single-environment run with {@code reset(S + k)} (as the shipped-policy tests do).
 */
final class PolicyEpisodes {

    /** Robots simulated side by side; one batched policy call serves them all each step. */
    static final int MAX_BATCH = 64;

    private final Plant plant;
    private final boolean randomize;
    private final boolean estimatedReward;

    PolicyEpisodes(Plant plant, boolean randomize) {
        this(plant, randomize, false);
    }

    /** With {@code estimatedReward}, episodes are rewarded and ended on the robot's state estimate. */
    PolicyEpisodes(Plant plant, boolean randomize, boolean estimatedReward) {
        this.plant = plant;
        this.randomize = randomize;
        this.estimatedReward = estimatedReward;
    }

    /** Runs episodes {@code 0..episodes-1} (seeds {@code seed..seed+episodes-1}), in episode order. */
    List<EpisodeOutcome> run(OnnxPolicyRunner policy, int episodes, long seed) {
        if (policy.observationSize() != plant.task().observationSize()
                || policy.actionSize() != plant.task().actions().size()) {
            throw new IllegalArgumentException("policy is " + policy.observationSize() + " -> " + policy.actionSize()
                    + ", task " + plant.task().id() + " needs " + plant.task().observationSize() + " -> "
                    + plant.task().actions().size());
        }
        int slots = Math.min(MAX_BATCH, episodes);
        int obsSize = policy.observationSize();
        int actSize = policy.actionSize();
        EnvOptions options = EnvOptions.defaults().withRandomize(randomize).withEstimatedReward(estimatedReward);
        VectorEnv[] envs = new VectorEnv[slots];
        double[][] commands = new double[slots][actSize];
        int[] episodeOf = new int[slots];
        double[] returns = new double[slots];
        double[] trueReturns = new double[slots];
        double[][] parameters = new double[slots][];
        // Slot of each row of the batch the policy sees this step.
        int[] rows = new int[slots];
        float[] obs = new float[slots * obsSize];
        float[] act = new float[slots * actSize];
        List<EpisodeOutcome> outcomes = new ArrayList<>(episodes);
        try {
            int next = 0;
            int active = 0;
            for (int s = 0; s < slots; s++) {
                envs[s] = new VectorEnv(plant, 1, options);
                start(envs[s], s, next++, seed, episodeOf, returns, parameters);
                active++;
            }
            while (active > 0) {
                int batch = 0;
                for (int s = 0; s < slots; s++) {
                    if (episodeOf[s] >= 0) {
                        System.arraycopy(envs[s].observations(), 0, obs, batch * obsSize, obsSize);
                        rows[batch++] = s;
                    }
                }
                policy.actBatch(obs, batch, act);
                for (int b = 0; b < batch; b++) {
                    int s = rows[b];
                    for (int i = 0; i < actSize; i++) {
                        commands[s][i] = act[b * actSize + i];
                    }
                    VectorEnv env = envs[s];
                    // The episode's length before the step: an auto-reset on its last step zeroes the counter.
                    int length = env.stepsInEpisode(0) + 1;
                    env.step(commands[s]);
                    returns[s] += env.rewards()[0];
                    trueReturns[s] += env.trueRewards()[0];
                    if (env.done(0)) {
                        outcomes.add(new EpisodeOutcome(episodeOf[s], seed + episodeOf[s], returns[s], length,
                                env.terminated()[0], parameters[s], trueReturns[s]));
                        if (next < episodes) {
                            start(env, s, next++, seed, episodeOf, returns, parameters);
                            trueReturns[s] = 0;
                        } else {
                            episodeOf[s] = -1;
                            active--;
                        }
                    }
                }
            }
        } finally {
            for (VectorEnv env : envs) {
                if (env != null) {
                    env.close();
                }
            }
        }
        outcomes.sort(Comparator.comparingInt(EpisodeOutcome::episode));
        return outcomes;
    }

    private static void start(VectorEnv env, int slot, int episode, long seed, int[] episodeOf, double[] returns,
                              double[][] parameters) {
        env.reset(seed + episode);
        episodeOf[slot] = episode;
        returns[slot] = 0;
        parameters[slot] = env.parameters().clone();
    }
}
