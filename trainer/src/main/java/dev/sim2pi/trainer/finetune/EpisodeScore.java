package dev.sim2pi.trainer.finetune;

import dev.sim2pi.sim.Plant;
import dev.sim2pi.trainer.env.TrainingEnv;
import dev.sim2pi.trainer.env.VectorTrainingEnv;
import dev.sim2pi.trainer.sac.PolicySnapshot;

/**
 * The mean true-state return of a deterministic policy over whole episodes of one plant's
 * nominal robot (a twin's nominal robot is the twin): the before/after scores of a fine-tuning
 * run. Every call with the same seed replays the same starts and noise, so two policies compare
 * on the same episodes.
 */
public final class EpisodeScore {

    private final Plant plant;
    private final int episodes;
    private final long seed;

    public EpisodeScore(Plant plant, int episodes, long seed) {
        this.plant = plant;
        this.episodes = episodes;
        this.seed = seed;
    }

    public double mean(PolicySnapshot policy) {
        try (TrainingEnv env = new VectorTrainingEnv(plant, episodes, false)) {
            PolicySnapshot.Forward forward = policy.forward(episodes);
            double[] actions = new double[episodes * env.actionSize()];
            double[] returns = new double[episodes];
            boolean[] finished = new boolean[episodes];
            env.reset(seed);
            int remaining = episodes;
            while (remaining > 0) {
                forward.actions(env.observations(), episodes, actions);
                env.step(actions);
                float[] r = env.rewards();
                for (int e = 0; e < episodes; e++) {
                    if (finished[e]) {
                        continue;
                    }
                    returns[e] += r[e];
                    if (env.terminated()[e] || env.truncated()[e]) {
                        finished[e] = true;
                        remaining--;
                    }
                }
            }
            double sum = 0;
            for (double x : returns) {
                sum += x;
            }
            return sum / episodes;
        }
    }
}
