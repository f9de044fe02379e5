package dev.sim2pi.trainer.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.bundle.BundleLoader;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.bundle.inference.OnnxPolicyRunner;
import dev.sim2pi.models.tasks.BalancerTask;
import dev.sim2pi.trainer.TestConfigs;
import dev.sim2pi.trainer.TestPendulum;
import dev.sim2pi.trainer.env.SimEnvFactory;
import dev.sim2pi.trainer.env.TrainingEnv;
import dev.sim2pi.trainer.sac.Checkpoint;
import dev.sim2pi.trainer.sac.JavaSacEngine;
import dev.sim2pi.trainer.sac.PolicySnapshot;
import dev.sim2pi.trainer.sac.RunProgress;
import dev.sim2pi.trainer.sac.SacConfig;
import dev.sim2pi.trainer.sac.SacTrainer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fine-tuning learner starts as its parent: before the first update it acts as the parent did. */
class WarmStartTest {

    static final Path SHIPPED_BALANCER = Path.of("..", "models", "policies", "balancer");
    /**
     * Bundle actions are duties in [-1, 1]: the trainer normalizes with {@code (x - mean) * (1 / std)}
     * where the graph computes {@code x * invStd + shift}, so the two differ by float rounding only.
     */
    static final double ACTION_TOLERANCE = 1e-5;

    @Test
    void bundleWarmStartActsAsTheParentInOnnxRuntimeBeforeTheFirstUpdate() throws Exception {
        PolicyBundle bundle = BundleLoader.create().allowingUnsigned().acceptingAnySigner().load(SHIPPED_BALANCER);
        List<Integer> sizes = bundle.actor().layerSizes();
        SacConfig config = FinetuneConfig.derive(BalancerTask.ID, null, 2, sizes.subList(1, sizes.size() - 1));
        assertTrue(config.criticLayerNorm(), "fine-tuning layer-normalizes its critics");
        SimEnvFactory factory = SimEnvFactory.forTask(BalancerTask.ID);
        try (TrainingEnv env = factory.create(1);
             JavaSacEngine engine = new JavaSacEngine(config, env.observationSize(), env.actionSize(), 64);
             OnnxPolicyRunner onnx = bundle.openOnnx()) {
            SacTrainer trainer = new SacTrainer(config, env, engine, 9);
            BundleWarmStart.apply(bundle, trainer, 9, 500_000);
            PolicySnapshot policy = trainer.snapshot();
            assertEquals(0, trainer.updates());

            // Observations a balancer really sees: 64 randomized robots stepped under the parent's own commands.
            int n = 64;
            int obsSize = env.observationSize();
            try (TrainingEnv robots = factory.create(n)) {
                robots.reset(4);
                PolicySnapshot.Forward forward = policy.forward(n);
                double[] ours = new double[n * 2];
                float[] theirs = new float[2];
                double worst = 0;
                for (int step = 0; step < 50; step++) {
                    float[] obs = robots.observations();
                    forward.actions(obs, n, ours);
                    for (int r = 0; r < n; r++) {
                        onnx.act(obs, r * obsSize, theirs, 0);
                        for (int j = 0; j < 2; j++) {
                            worst = Math.max(worst, Math.abs(ours[r * 2 + j] - theirs[j]));
                        }
                    }
                    robots.step(ours);
                }
                assertEquals(0, worst, ACTION_TOLERANCE, "largest command difference from ONNX Runtime");
            }
            assertEquals(0, WarmStart.goldenError(bundle, policy), ACTION_TOLERANCE, "golden commands");

            // The stochastic policy explores around the parent: its noise-free sample is the parent's command.
            float[][] normalized = new float[1][obsSize];
            trainer.normalizer().normalize(bundle.manifest().golden().get(0).observation(), 0, normalized[0]);
            float[][] squashed = new float[1][2];
            engine.act(normalized, 1, new float[1][2], squashed);
            float[] golden = bundle.manifest().golden().get(0).action();
            assertEquals(golden[0], squashed[0][0], ACTION_TOLERANCE);
            assertEquals(golden[1], squashed[0][1], ACTION_TOLERANCE);
        }
    }

    @Test
    void checkpointWarmStartCarriesTheRunsActorBitForBitIntoAnotherConfig(@TempDir Path dir) throws Exception {
        SacConfig trained = TestConfigs.pendulum("\"batch_size\": 32, \"learning_starts\": 200, \"buffer_size\": 1000");
        SacTrainer run = new SacTrainer(trained, new TestPendulum(1), new JavaSacEngine(trained, 3, 1, 1), 42);
        while (run.envSteps() < 800) {
            run.iterate();
        }
        Path file = dir.resolve("checkpoint.bin");
        Checkpoint.save(file, run, 42, RunProgress.clockOnly(1, -1, Double.NaN));
        PolicySnapshot parent = run.snapshot();

        // Another seed, update-to-data ratio, batch size and layer-normalized critics.
        SacConfig tuned = TestConfigs.pendulum("\"batch_size\": 64, \"learning_starts\": 64, \"buffer_size\": 500, "
                + "\"updates_per_step\": 3.0, \"critic_layer_norm\": true");
        SacTrainer child = new SacTrainer(tuned, new TestPendulum(1), new JavaSacEngine(tuned, 3, 1, 1), 7);
        Checkpoint.Origin origin = Checkpoint.warmStart(file, child);
        assertEquals(800, origin.envSteps());
        assertFalse(origin.config().contains("criticLayerNorm=true"));
        PolicySnapshot start = child.snapshot();
        assertArrayEquals(parent.actor(), start.actor());
        assertArrayEquals(parent.obsMean(), start.obsMean());
        assertArrayEquals(parent.obsStd(), start.obsStd());
    }
}
