package dev.sim2pi.trainer.sac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.sim.Rng;
import org.junit.jupiter.api.Test;

class ReplayBufferTest {

    private static void addWithId(ReplayBuffer replay, int id) {
        float[] obs = {id, -id};
        replay.add(obs, 0, new float[] {0.5f}, 0, id, obs, 0, 0.99f, false);
    }

    @Test
    void samplesOnlyStoredTransitionsUniformly() {
        ReplayBuffer replay = new ReplayBuffer(100, 2, 1);
        for (int i = 0; i < 10; i++) {
            addWithId(replay, i);
        }
        ObservationNormalizer identity = new ObservationNormalizer(2, false);
        SacBatch batch = new SacBatch(50, 2, 1);
        Rng rng = new Rng(7);
        int[] counts = new int[10];
        int draws = 0;
        for (int round = 0; round < 400; round++) {
            replay.sample(rng, identity, batch);
            for (int b = 0; b < batch.size; b++) {
                int id = (int) batch.rewards[b];
                assertTrue(id >= 0 && id < 10, "drew a slot that holds no transition: " + id);
                assertEquals(id, batch.observations[b][0]);
                assertEquals(-id, batch.nextObservations[b][1]);
                counts[id]++;
                draws++;
            }
        }
        double expected = draws / 10.0;
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        // 9 degrees of freedom: P(chi2 > 27.9) = 0.001.
        assertTrue(chi2 < 27.9, "sampling is not uniform: chi2 = " + chi2);
    }

    @Test
    void wrapsAroundOverwritingTheOldest() {
        ReplayBuffer replay = new ReplayBuffer(5, 2, 1);
        for (int i = 0; i < 8; i++) {
            addWithId(replay, i);
        }
        assertEquals(5, replay.size());
        assertEquals(3, replay.position());
        java.util.Set<Integer> seen = new java.util.TreeSet<>();
        SacBatch batch = new SacBatch(64, 2, 1);
        Rng rng = new Rng(3);
        for (int round = 0; round < 20; round++) {
            replay.sample(rng, new ObservationNormalizer(2, false), batch);
            for (int b = 0; b < batch.size; b++) {
                seen.add((int) batch.rewards[b]);
            }
        }
        assertEquals(java.util.Set.of(3, 4, 5, 6, 7), seen);
    }

    @Test
    void nStepReturnsDiscountAndStopAtTerminalStates() {
        ReplayBuffer replay = new ReplayBuffer(10, 1, 1);
        NStepAccumulator acc = new NStepAccumulator(3, 1, 1, 1, 0.5);
        float[] a = {0f};
        for (int t = 0; t < 4; t++) {
            boolean end = t == 3;
            acc.add(replay, 0, new float[] {t}, 0, a, 0, false, 1f, new float[] {t + 1}, 0, end, end);
        }
        // Step 0: 1 + 0.5 + 0.25, bootstrap 0.125 from obs 3. Steps 1..3 flushed at the terminal state.
        assertEquals(4, replay.size());
        assertEquals(1.75f, replay.rewards[0]);
        assertEquals(0.125f, replay.discounts[0]);
        assertEquals(3f, replay.nextObservations[0]);
        assertEquals(1.75f, replay.rewards[1]);
        assertEquals(0f, replay.discounts[1]);
        assertEquals(1.5f, replay.rewards[2]);
        assertEquals(1f, replay.rewards[3]);
        assertEquals(0f, replay.discounts[3]);
    }
}
