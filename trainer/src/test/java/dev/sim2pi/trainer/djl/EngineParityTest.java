package dev.sim2pi.trainer.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sim2pi.trainer.TestConfigs;
import dev.sim2pi.trainer.sac.JavaSacEngine;
import dev.sim2pi.trainer.sac.SacBatch;
import dev.sim2pi.trainer.sac.SacConfig;
import dev.sim2pi.trainer.sac.SacEngine;
import dev.sim2pi.trainer.sac.SacLosses;
import dev.sim2pi.trainer.sac.SacState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plain-Java engine and DJL/PyTorch compute the same SAC updates from the same weights and batches. */
class EngineParityTest {

    @BeforeAll
    static void cacheUnderTarget() {
        System.setProperty("DJL_CACHE_DIR", "target/djl-cache");
        System.setProperty("ENGINE_CACHE_DIR", "target/djl-cache");
    }

    @Test
    void bothEnginesMakeTheSameUpdates() {
        assertSameUpdates(TestConfigs.pendulum("\"batch_size\": 64, \"learning_starts\": 64, \"actor_hidden\": [32, 24], "
                + "\"critic_hidden\": [32, 24], \"initial_alpha\": 0.3"));
    }

    @Test
    void bothEnginesCloneDemonstrationsAlike() {
        assertSameUpdates(TestConfigs.pendulum("\"batch_size\": 64, \"learning_starts\": 64, \"actor_hidden\": [32, 24], "
                + "\"critic_hidden\": [32, 24], \"initial_alpha\": 0.3, \"demonstration_bc_weight\": 2.0"));
    }

    @Test
    void bothEnginesLayerNormTheCriticsAndMaskTheActorAlike() {
        assertSameUpdates(TestConfigs.pendulum("\"batch_size\": 64, \"learning_starts\": 64, \"actor_hidden\": [32, 24], "
                + "\"critic_hidden\": [32, 24], \"initial_alpha\": 0.3, \"critic_layer_norm\": true"), true);
    }

    private static void assertSameUpdates(SacConfig c) {
        assertSameUpdates(c, false);
    }

    /** With {@code mask}, every third row is kept from the actor (a recorded state under a safety intervention). */
    private static void assertSameUpdates(SacConfig c, boolean mask) {
        int obs = 3;
        int act = 2;
        SacState start = SacState.forConfig(c, obs, act);
        start.initialize(17, c.initialAlpha());
        try (SacEngine java = new JavaSacEngine(c, obs, act, 8);
             SacEngine djl = DjlSacEngine.create(c, obs, act, 8, false, System.out)) {
            java.importState(start);
            djl.importState(start);
            SacLosses lj = new SacLosses();
            SacLosses ld = new SacLosses();
            for (int step = 0; step < 3; step++) {
                SacBatch batch = TestConfigs.randomBatch(64, obs, act, 100 + step);
                for (int r = 0; r < 64; r += 2) {
                    batch.demonstrated[r] = 1f;
                }
                for (int r = 0; mask && r < 64; r += 3) {
                    batch.actorMask[r] = 0f;
                }
                java.update(batch, true, true, lj);
                djl.update(batch, true, true, ld);
                assertEquals(ld.criticLoss, lj.criticLoss, 1e-4 * Math.max(1, Math.abs(ld.criticLoss)), "critic loss");
                assertEquals(ld.actorLoss, lj.actorLoss, 1e-4 * Math.max(1, Math.abs(ld.actorLoss)), "actor loss");
                assertEquals(ld.entropy, lj.entropy, 1e-4, "entropy");
                assertEquals(ld.alpha, lj.alpha, 1e-6, "alpha");
            }
            SacState a = SacState.forConfig(c, obs, act);
            SacState b = SacState.forConfig(c, obs, act);
            java.exportState(a);
            djl.exportState(b);
            assertClose("actor", b.actor, a.actor);
            assertClose("critics", b.critics, a.critics);
            assertClose("targets", b.targets, a.targets);
            assertClose("critic Adam v", b.criticV, a.criticV);
            assertEquals(b.logAlpha, a.logAlpha, 1e-6);

            float[][] o = TestConfigs.randomBatch(8, obs, act, 5).observations;
            float[][] outJ = new float[8][act];
            float[][] outD = new float[8][act];
            java.act(o, 8, null, outJ);
            djl.act(o, 8, null, outD);
            for (int r = 0; r < 8; r++) {
                for (int j = 0; j < act; j++) {
                    assertEquals(outD[r][j], outJ[r][j], 1e-5);
                }
            }
        }
    }

    private static void assertClose(String what, float[] expected, float[] actual) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            double tol = 2e-5 + 1e-4 * Math.abs(expected[i]);
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]) / tol);
        }
        assertEquals(0, worst, 1.0, what + ": worst difference relative to tolerance");
    }
}
