package dev.sim2pi.trainer.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.sim.Rng;
import dev.sim2pi.trainer.real.Transitions;
import dev.sim2pi.trainer.sac.ObservationNormalizer;
import dev.sim2pi.trainer.sac.ReplayBuffer;
import dev.sim2pi.trainer.sac.SacBatch;
import org.junit.jupiter.api.Test;

/** RLPD's symmetric sampling: half of every batch recorded, half simulated, whatever the buffers hold. */
class SymmetricSamplerTest {

    private static final int REAL = 10;
    private static final int BATCH = 64;

    /** Real transition i has reward i and is under a safety intervention when i is a multiple of 3. */
    private static RealReplay real() {
        Transitions t = new Transitions(2, 1);
        for (int i = 0; i < REAL; i++) {
            t.add(new float[] {i, 0}, new float[] {0.5f}, i, new float[] {i, 1}, i == REAL - 1, i % 3 == 0, 0);
        }
        return new RealReplay(t, new double[] {-1}, new double[] {1}, 0.99);
    }

    /** Many more simulated transitions than real ones, all with reward -1. */
    private static ReplayBuffer sim() {
        ReplayBuffer sim = new ReplayBuffer(1000, 2, 1);
        for (int i = 0; i < 1000; i++) {
            sim.add(new float[] {i, 0}, 0, new float[] {0.1f}, 0, -1f, new float[] {i, 1}, 0, 0.99f, false);
        }
        return sim;
    }

    @Test
    void everyBatchIsHalfRecordedAndHalfSimulated() {
        SymmetricSampler sampler = new SymmetricSampler(real(), sim(), 0.5);
        ObservationNormalizer identity = new ObservationNormalizer(2, false);
        SacBatch batch = new SacBatch(BATCH, 2, 1);
        Rng rng = new Rng(5);
        int[] drawn = new int[REAL];
        int batches = 2000;
        for (int k = 0; k < batches; k++) {
            sampler.sample(rng, identity, batch);
            int realRows = 0;
            for (int b = 0; b < BATCH; b++) {
                if (batch.rewards[b] >= 0) {
                    int i = (int) batch.rewards[b];
                    realRows++;
                    drawn[i]++;
                    assertEquals(i % 3 == 0 ? 0f : 1f, batch.actorMask[b], "actor mask of real transition " + i);
                    assertEquals(batch.actorMask[b], batch.demonstrated[b], "the parent's own commands demonstrate");
                    assertEquals(i == REAL - 1 ? 0f : 0.99f, batch.discounts[b], 1e-7f, "discount of " + i);
                    assertEquals(0.5f, batch.actions[b][0], "squashed command");
                } else {
                    assertEquals(1f, batch.actorMask[b], "simulated rows always teach the actor");
                    assertEquals(0f, batch.demonstrated[b]);
                }
            }
            assertEquals(BATCH / 2, realRows, "real rows in batch " + k);
        }
        // Uniform over the recorded transitions: each expected batches * 32 / 10 = 6400 times.
        for (int i = 0; i < REAL; i++) {
            assertEquals(6400, drawn[i], 6400 * 0.06, "draws of real transition " + i);
        }
    }

    @Test
    void theShareIsConfigurable() {
        assertEquals(16, new SymmetricSampler(real(), sim(), 0.25).realRows(BATCH));
        assertEquals(0, new SymmetricSampler(real(), sim(), 0).realRows(BATCH));
        assertEquals(BATCH, new SymmetricSampler(real(), sim(), 1).realRows(BATCH));
        SacBatch batch = new SacBatch(BATCH, 2, 1);
        new SymmetricSampler(real(), sim(), 0.25).sample(new Rng(1), new ObservationNormalizer(2, false), batch);
        int realRows = 0;
        for (int b = 0; b < BATCH; b++) {
            realRows += batch.rewards[b] >= 0 ? 1 : 0;
        }
        assertEquals(16, realRows);
        assertTrue(real().intervened() == 4, "transitions 0, 3, 6, 9 are intervened");
    }
}
