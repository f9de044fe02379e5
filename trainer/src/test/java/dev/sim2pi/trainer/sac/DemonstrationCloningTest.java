package dev.sim2pi.trainer.sac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.trainer.TestConfigs;
import dev.sim2pi.trainer.nn.Mlp;
import dev.sim2pi.trainer.nn.MlpWeights;
import org.junit.jupiter.api.Test;

/**
 * The Q-filtered behaviour-cloning term: it pulls the policy's mean action towards demonstrated
 * actions the critics value above the policy's own, and leaves the actor exactly alone where they
 * do not. The critics are all but frozen (a learning rate of 1e-12) so the filter's verdict is
 * known in advance: the demonstrated action is the best (or the worst) on a fine grid.
 */
class DemonstrationCloningTest {

    private static final int OBS = 3;
    private static final int BATCH = 64;

    private static SacConfig config(double bcWeight) {
        return TestConfigs.pendulum("\"batch_size\": " + BATCH + ", \"learning_starts\": " + BATCH
                + ", \"critic_lr\": 1e-12, \"auto_alpha\": false, \"initial_alpha\": 0.01, "
                + "\"demonstration_bc_weight\": " + bcWeight);
    }

    /** A batch whose every action is demonstrated and is the critics' best (or worst) grid action. */
    private static SacBatch demonstrations(SacState state, boolean best) {
        SacBatch batch = TestConfigs.randomBatch(BATCH, OBS, 1, 21);
        MlpWeights[] critics = new MlpWeights[2];
        int params = state.criticShape.parameterCount();
        for (int k = 0; k < 2; k++) {
            critics[k] = new MlpWeights(state.criticShape);
            critics[k].read(state.critics, k * params);
        }
        Mlp net = new Mlp(state.criticShape, 1);
        float[][] in = new float[1][OBS + 1];
        for (int b = 0; b < BATCH; b++) {
            System.arraycopy(batch.observations[b], 0, in[0], 0, OBS);
            float chosen = 0;
            double chosenQ = best ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            for (int i = -1000; i <= 1000; i++) {
                in[0][OBS] = Math.max(-0.9999f, Math.min(0.9999f, i / 1000f));
                double q = Math.min(net.forward(critics[0], in, 1)[0][0], net.forward(critics[1], in, 1)[0][0]);
                if (best ? q > chosenQ : q < chosenQ) {
                    chosenQ = q;
                    chosen = in[0][OBS];
                }
            }
            batch.actions[b][0] = chosen;
            batch.demonstrated[b] = 1f;
        }
        return batch;
    }

    private static float[] actorAfterUpdates(double bcWeight, SacBatch batch, int updates) {
        SacConfig c = config(bcWeight);
        JavaSacEngine engine = new JavaSacEngine(c, OBS, 1, BATCH);
        SacLosses losses = new SacLosses();
        for (int i = 0; i < updates; i++) {
            engine.update(batch, true, true, losses);
        }
        SacState out = SacState.forConfig(c, OBS, 1);
        engine.exportState(out);
        return out.actor;
    }

    private static double meanDistance(double bcWeight, SacBatch batch, int updates) {
        SacConfig c = config(bcWeight);
        JavaSacEngine engine = new JavaSacEngine(c, OBS, 1, BATCH);
        SacLosses losses = new SacLosses();
        for (int i = 0; i < updates; i++) {
            engine.update(batch, true, true, losses);
        }
        float[][] actions = new float[BATCH][1];
        engine.act(batch.observations, BATCH, null, actions);
        double sum = 0;
        for (int b = 0; b < BATCH; b++) {
            sum += Math.abs(actions[b][0] - batch.actions[b][0]);
        }
        return sum / BATCH;
    }

    private static SacState initialState() {
        SacConfig c = config(0);
        SacState state = SacState.forConfig(c, OBS, 1);
        new JavaSacEngine(c, OBS, 1, 1).exportState(state);
        return state;
    }

    @Test
    void demonstrationsTheCriticsPreferPullTheMeanActionTowardsThem() {
        SacBatch batch = demonstrations(initialState(), true);
        double without = meanDistance(0, batch, 200);
        double with = meanDistance(20, batch, 200);
        assertTrue(with < 0.5 * without, "distance to the demonstrations: " + with + " with cloning, "
                + without + " without");
        assertFalse(java.util.Arrays.equals(actorAfterUpdates(0, batch, 1), actorAfterUpdates(5, batch, 1)));
    }

    @Test
    void demonstrationsTheCriticsValueBelowThePolicyAreNotCloned() {
        SacBatch batch = demonstrations(initialState(), false);
        assertArrayEquals(actorAfterUpdates(0, batch, 40), actorAfterUpdates(5, batch, 40));
    }

    @Test
    void undemonstratedTransitionsAreNotCloned() {
        SacBatch batch = demonstrations(initialState(), true);
        java.util.Arrays.fill(batch.demonstrated, 0f);
        assertArrayEquals(actorAfterUpdates(0, batch, 40), actorAfterUpdates(5, batch, 40));
    }

    @Test
    void nStepTransitionsKeepTheDemonstrationFlagOfTheirFirstAction() {
        ReplayBuffer replay = new ReplayBuffer(10, 1, 1);
        NStepAccumulator acc = new NStepAccumulator(2, 1, 1, 1, 0.5);
        float[] a = {0f};
        for (int t = 0; t < 4; t++) {
            boolean end = t == 3;
            acc.add(replay, 0, new float[] {t}, 0, a, 0, t % 2 == 0, 1f, new float[] {t + 1}, 0, end, end);
        }
        assertEquals(4, replay.size());
        assertArrayEquals(new float[] {1f, 0f, 1f, 0f}, java.util.Arrays.copyOf(replay.demonstrated, 4));
    }
}
