package dev.sim2pi.trainer.finetune;

import dev.sim2pi.sim.Rng;
import dev.sim2pi.trainer.sac.BatchSampler;
import dev.sim2pi.trainer.sac.ObservationNormalizer;
import dev.sim2pi.trainer.sac.ReplayBuffer;
import dev.sim2pi.trainer.sac.SacBatch;

/**
 * RLPD's symmetric sampling (Ball et al. 2023): every minibatch takes a fixed share of its rows
 * from the recorded real transitions and the rest from the fresh simulated ones, whatever the two
 * buffers' sizes, so the small real dataset is neither drowned by the growing sim buffer nor
 * the only thing learned from. The real rows come first in the batch.
 */
public final class SymmetricSampler implements BatchSampler {

    private final RealReplay real;
    private final ReplayBuffer sim;
    private final double realFraction;

    /** @param realFraction share of each batch drawn from {@code real}, in [0, 1] (RLPD: 0.5) */
    public SymmetricSampler(RealReplay real, ReplayBuffer sim, double realFraction) {
        if (!(realFraction >= 0 && realFraction <= 1)) {
            throw new IllegalArgumentException("real fraction must be in [0, 1], got " + realFraction);
        }
        this.real = real;
        this.sim = sim;
        this.realFraction = realFraction;
    }

    /** Rows of a batch of {@code batchSize} drawn from the real transitions. */
    public int realRows(int batchSize) {
        return (int) Math.round(realFraction * batchSize);
    }

    @Override
    public void sample(Rng rng, ObservationNormalizer normalizer, SacBatch batch) {
        int split = realRows(batch.size);
        real.sample(rng, normalizer, batch, 0, split);
        if (split < batch.size) {
            sim.sample(rng, normalizer, batch, split, batch.size);
        }
    }
}
