package dev.sim2pi.trainer.sac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.trainer.TestConfigs;
import dev.sim2pi.trainer.env.SimEnvFactory;
import dev.sim2pi.trainer.env.TrainingEnv;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A time limit is not a terminal state: a transition that ends an episode by truncation must
 * bootstrap with {@code gamma^k * Q(s')} from the episode's real last observation (the engines'
 * target is {@code r + discount * softQ(next)}), while a terminal transition bootstraps with 0.
 */
class TimeLimitBootstrapTest {

    private static final float GAMMA = 0.99f;

    /** On the simulator's Pendulum-v1 (time limit 200 steps, never terminal), one step per transition. */
    @Test
    void pendulumTimeLimitTransitionsBootstrapFromTheTrueNextState() {
        SacConfig c = TestConfigs.pendulum("\"learning_starts\": 1000000, \"buffer_size\": 1000");
        try (TrainingEnv env = SimEnvFactory.forTask("pendulum-v1").create(1)) {
            SacTrainer t = new SacTrainer(c, env, new JavaSacEngine(c, 3, 1, 1), 5);
            while (t.envSteps() < 450) {
                t.iterate();
            }
            ReplayBuffer r = t.replay();
            List<Integer> episodeEnds = new ArrayList<>();
            for (int i = 0; i < 450; i++) {
                assertEquals(GAMMA, r.discounts[i], "transition " + i + " must bootstrap");
                // s' is the physical successor of s under the stored action, also across the time limit.
                float cos = r.observations[3 * i];
                float sin = r.observations[3 * i + 1];
                float thetaDot = r.observations[3 * i + 2];
                double u = 2.0 * r.actions[i];
                double expected = Math.max(-8, Math.min(8, thetaDot + (15 * sin + 3 * u) * 0.05));
                assertEquals(expected, r.nextObservations[3 * i + 2], 1e-4, "theta dot after transition " + i);
                double theta = Math.atan2(sin, cos) + expected * 0.05;
                assertEquals(Math.cos(theta), r.nextObservations[3 * i], 1e-4, "cos theta after transition " + i);
                if (i + 1 < 450 && r.observations[3 * (i + 1) + 2] != r.nextObservations[3 * i + 2]) {
                    episodeEnds.add(i);
                }
            }
            assertEquals(List.of(199, 399), episodeEnds, "episodes end at the 200-step limit");
        }
    }

    @Test
    void truncatedEpisodesBootstrapAndTerminatedOnesDoNotWithOneStepReturns() {
        ReplayBuffer r = collect(1);
        // Env 0 terminates at its 5th step, env 1 is truncated there; rows interleave env 0, env 1.
        assertEquals(0f, r.discounts[8], "env 0 terminal step");
        assertEquals(5f, r.nextObservations[8]);
        assertEquals(GAMMA, r.discounts[9], "env 1 time-limit step");
        assertEquals(5f, r.nextObservations[9], "bootstraps from the last observation, not the reset one");
        assertEquals(0f, r.observations[11], "env 1's next episode starts from the reset observation");
    }

    @Test
    void truncatedEpisodesBootstrapWithTheRightPowerOfGammaWithThreeStepReturns() {
        ReplayBuffer r = collect(3);
        // Per env, steps 0..4 of the episode; n = 3: steps 0..2 complete normally, 3 and 4 are flushed at the end.
        float[] env0 = discountsOf(r, 0);
        float[] env1 = discountsOf(r, 1);
        float g3 = GAMMA * GAMMA * GAMMA;
        assertEquals(g3, env0[0], 1e-6f);
        assertEquals(g3, env0[1], 1e-6f);
        assertEquals(0f, env0[2], "reaches the terminal state within 3 steps");
        assertEquals(0f, env0[3]);
        assertEquals(0f, env0[4]);
        assertEquals(g3, env1[0], 1e-6f);
        assertEquals(g3, env1[1], 1e-6f);
        assertEquals(g3, env1[2], 1e-6f, "3 steps up to the time limit, then gamma^3 Q(s_5)");
        assertEquals(GAMMA * GAMMA, env1[3], 1e-6f);
        assertEquals(GAMMA, env1[4], 1e-6f);
        for (int i = 0; i < 10; i++) {
            if (r.observations[i] >= 2) {
                assertEquals(5f, r.nextObservations[i], "row " + i + " bootstraps from the episode's last observation");
            }
        }
        assertNotEquals(0f, env1[4]);
    }

    /** The first episode of both counter envs (5 steps each), through the trainer, with n-step {@code n}. */
    private static ReplayBuffer collect(int n) {
        SacConfig c = TestConfigs.pendulum("\"learning_starts\": 1000000, \"buffer_size\": 128, \"n_step\": " + n);
        SacTrainer t = new SacTrainer(c, new CounterEnv(), new JavaSacEngine(c, 1, 1, 2), 1);
        for (int i = 0; i < 6; i++) {
            t.iterate();
        }
        return t.replay();
    }

    /** Discounts of env {@code e}'s rows of its first episode, ordered by the step they start at. */
    private static float[] discountsOf(ReplayBuffer r, int e) {
        float[] out = new float[5];
        int found = 0;
        for (int i = 0; i < r.size(); i++) {
            boolean envRow = (e == 0) == (r.rewards[i] > 0);
            if (envRow && found < 5) {
                out[(int) r.observations[i]] = r.discounts[i];
                found++;
            }
        }
        assertTrue(found == 5, "found " + found + " rows of env " + e);
        return out;
    }

    /**
     * Two envs whose observation is the step count within the episode; episodes last 5 steps, env 0
     * ends in a terminal state and env 1 at a time limit. Env 0 is rewarded +1 per step and env 1
     * -1, so rows can be told apart.
     */
    private static final class CounterEnv implements TrainingEnv {
        private final float[] obs = new float[2];
        private final float[] fin = new float[2];
        private final float[] rew = {1f, -1f};
        private final boolean[] term = new boolean[2];
        private final boolean[] trunc = new boolean[2];

        @Override public int numEnvs() { return 2; }
        @Override public int observationSize() { return 1; }
        @Override public int actionSize() { return 1; }
        @Override public double[] actionLow() { return new double[] {-1}; }
        @Override public double[] actionHigh() { return new double[] {1}; }

        @Override
        public void reset(long seed) {
            java.util.Arrays.fill(obs, 0);
        }

        @Override
        public void step(double[] actions) {
            for (int e = 0; e < 2; e++) {
                obs[e]++;
                boolean end = obs[e] == 5;
                term[e] = end && e == 0;
                trunc[e] = end && e == 1;
                if (end) {
                    fin[e] = obs[e];
                    obs[e] = 0;
                }
            }
        }

        @Override public float[] observations() { return obs; }
        @Override public float[] finalObservations() { return fin; }
        @Override public float[] rewards() { return rew; }
        @Override public boolean[] terminated() { return term; }
        @Override public boolean[] truncated() { return trunc; }
    }
}
