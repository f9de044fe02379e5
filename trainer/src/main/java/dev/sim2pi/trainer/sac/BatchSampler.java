package dev.sim2pi.trainer.sac;

import dev.sim2pi.sim.Rng;

/**
 * Where a {@link SacTrainer}'s minibatches come from. The default draws uniformly from the run's
 * own replay buffer; offline fine-tuning mixes in recorded transitions.
 */
@FunctionalInterface
public interface BatchSampler {

    /**
     * Fills every row of {@code batch} (normalized observations, squashed actions, rewards,
     * discounts, actor mask and fresh policy noise), drawing from {@code rng} only.
     */
    void sample(Rng rng, ObservationNormalizer normalizer, SacBatch batch);
}
