package dev.sim2pi.trainer.finetune;

import dev.sim2pi.sim.Rng;
import dev.sim2pi.trainer.real.Transitions;
import dev.sim2pi.trainer.sac.ObservationNormalizer;
import dev.sim2pi.trainer.sac.SacBatch;

/**
 * The recorded robot transitions as a fixed replay buffer: commands squashed into the policy's
 * [-1, 1] action scale, one-step returns (discount {@code gamma}, 0 after a terminal state), and
 * an actor mask of 0 for transitions whose command a safety layer chose, so the critics learn from
 * what the robot truly did while the actor never learns from those states. The other transitions
 * count as demonstrations (the deployed policy chose them) for the Q-filtered cloning term.
 * Allocation-free sampling.
 */
public final class RealReplay {

    private final int size;
    private final int obsSize;
    private final int actSize;
    private final float[] observations;
    private final float[] nextObservations;
    private final float[] actions;
    private final float[] rewards;
    private final float[] discounts;
    private final float[] actorMask;
    private final int intervened;

    /**
     * @param low  lowest physical command per channel (squashed action -1)
     * @param high highest physical command per channel (squashed action +1)
     */
    public RealReplay(Transitions t, double[] low, double[] high, double gamma) {
        if (t.size() == 0) {
            throw new IllegalArgumentException("no recorded transitions to fine-tune on");
        }
        this.size = t.size();
        this.obsSize = t.observationSize();
        this.actSize = t.actionSize();
        this.observations = new float[size * obsSize];
        this.nextObservations = new float[size * obsSize];
        this.actions = new float[size * actSize];
        this.rewards = new float[size];
        this.discounts = new float[size];
        this.actorMask = new float[size];
        int kept = 0;
        for (int i = 0; i < size; i++) {
            t.observation(i, observations, i * obsSize);
            t.nextObservation(i, nextObservations, i * obsSize);
            t.action(i, actions, i * actSize);
            for (int j = 0; j < actSize; j++) {
                int k = i * actSize + j;
                double unit = 2 * (actions[k] - low[j]) / (high[j] - low[j]) - 1;
                actions[k] = (float) Math.max(-1, Math.min(1, unit));
            }
            rewards[i] = (float) t.reward(i);
            discounts[i] = t.terminal(i) ? 0f : (float) gamma;
            actorMask[i] = t.intervened(i) ? 0f : 1f;
            kept += t.intervened(i) ? 0 : 1;
        }
        this.intervened = size - kept;
    }

    public int size() {
        return size;
    }

    /** Transitions under a safety intervention (critic data only). */
    public int intervened() {
        return intervened;
    }

    /**
     * Fills batch rows {@code [from, to)} with transitions drawn uniformly with replacement, then
     * their policy noise (the same order of draws as {@code ReplayBuffer.sample}).
     */
    public void sample(Rng rng, ObservationNormalizer normalizer, SacBatch batch, int from, int to) {
        for (int b = from; b < to; b++) {
            int i = rng.index(size);
            normalizer.normalize(observations, i * obsSize, batch.observations[b]);
            normalizer.normalize(nextObservations, i * obsSize, batch.nextObservations[b]);
            System.arraycopy(actions, i * actSize, batch.actions[b], 0, actSize);
            batch.rewards[b] = rewards[i];
            batch.discounts[b] = discounts[i];
            // The parent chose these commands itself: with demonstration_bc_weight > 0 the actor is pulled
            // back towards them where the critics value them above its own (Q-filtered cloning).
            batch.demonstrated[b] = actorMask[i];
            batch.actorMask[b] = actorMask[i];
        }
        for (int b = from; b < to; b++) {
            for (int j = 0; j < actSize; j++) {
                batch.noise[b][j] = (float) rng.gaussian();
                batch.nextNoise[b][j] = (float) rng.gaussian();
            }
        }
    }
}
