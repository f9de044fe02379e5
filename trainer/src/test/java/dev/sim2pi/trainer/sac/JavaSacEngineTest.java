package dev.sim2pi.trainer.sac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.trainer.TestConfigs;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class JavaSacEngineTest {

    private static double alphaAfter(double targetEntropy, int updates) {
        SacConfig c = TestConfigs.pendulum("\"batch_size\": 32, \"learning_starts\": 32, \"target_entropy\": " + targetEntropy);
        JavaSacEngine engine = new JavaSacEngine(c, 3, 1, 1);
        SacBatch batch = TestConfigs.randomBatch(32, 3, 1, 5);
        SacLosses losses = new SacLosses();
        for (int i = 0; i < updates; i++) {
            engine.update(batch, true, true, losses);
        }
        return losses.alpha;
    }

    @Test
    void entropyTuningRaisesAlphaWhenEntropyIsBelowTargetAndLowersItAbove() {
        // A fresh actor's entropy is near 0.9 nats for one action: a target of 5 is above it, -5 below.
        assertTrue(alphaAfter(5, 20) > 1.0, "alpha should grow towards more exploration");
        assertTrue(alphaAfter(-5, 20) < 1.0, "alpha should shrink when the policy is more random than needed");
    }

    @Test
    void targetsMoveTauTowardsTheUpdatedCriticsOnlyWhenAsked() {
        SacConfig c = TestConfigs.pendulum("\"batch_size\": 16, \"learning_starts\": 16, \"tau\": 0.25");
        JavaSacEngine engine = new JavaSacEngine(c, 3, 1, 1);
        SacState before = SacState.forConfig(c, 3, 1);
        engine.exportState(before);
        SacBatch batch = TestConfigs.randomBatch(16, 3, 1, 9);
        engine.update(batch, true, false, new SacLosses());
        SacState noTarget = SacState.forConfig(c, 3, 1);
        engine.exportState(noTarget);
        assertEquals(before.targets[5], noTarget.targets[5]);
        engine.update(batch, true, true, new SacLosses());
        SacState after = SacState.forConfig(c, 3, 1);
        engine.exportState(after);
        for (int i = 0; i < after.targets.length; i += 97) {
            assertEquals(0.75f * noTarget.targets[i] + 0.25f * after.critics[i], after.targets[i], 1e-5f);
        }
    }

    @Test
    void criticLossFallsWhenFittingAFixedBatch() {
        SacConfig c = TestConfigs.pendulum("\"batch_size\": 64, \"learning_starts\": 64");
        JavaSacEngine engine = new JavaSacEngine(c, 3, 1, 1);
        SacBatch batch = TestConfigs.randomBatch(64, 3, 1, 11);
        java.util.Arrays.fill(batch.discounts, 0f);
        SacLosses losses = new SacLosses();
        engine.update(batch, false, false, losses);
        double first = losses.criticLoss;
        for (int i = 0; i < 300; i++) {
            engine.update(batch, false, false, losses);
        }
        assertTrue(losses.criticLoss < 0.1 * first, "loss " + first + " -> " + losses.criticLoss);
    }

    @Test
    void updateAllocatesNothingAfterWarmUp() {
        SacConfig c = TestConfigs.pendulum("");
        JavaSacEngine engine = new JavaSacEngine(c, 3, 1, 1);
        SacBatch batch = TestConfigs.randomBatch(c.batchSize(), 3, 1, 2);
        SacLosses losses = new SacLosses();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long allocated = -1;
        for (int attempt = 0; attempt < 10 && allocated != 0; attempt++) {
            for (int i = 0; i < 300; i++) {
                engine.update(batch, true, true, losses);
            }
            long before = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < 100; i++) {
                engine.update(batch, true, true, losses);
            }
            allocated = threads.getThreadAllocatedBytes(id) - before;
        }
        assertEquals(0, allocated, "bytes allocated by 100 updates");
    }
}
