package dev.sim2pi.trainer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sim2pi.models.bundle.BundleLoader;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.bundle.inference.OnnxPolicyRunner;
import dev.sim2pi.models.task.Tasks;
import dev.sim2pi.trainer.sac.PolicySnapshot;
import dev.sim2pi.sim.Rng;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short seeded pendulum run on the real simulator: the deterministic evaluation return improves
 * by at least 500 over the random-policy start (about -1250) within 5000 env steps, and every
 * output file is written.
 */
class ShortTrainingRunTest {

    @Test
    void shortSeededRunImprovesAndWritesEveryOutput(@TempDir Path dir) throws Exception {
        TrainOptions options = new TrainOptions("pendulum-v1", null, 1, 5000L, "cpu", dir, false, System.nanoTime(),
                false, true);
        RunSummary summary = new TrainingRun(options, System.out).run();
        List<String> rows = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals(EvalRecord.HEADER, rows.get(0));
        EvalRecord first = EvalRecord.parse(rows.get(1));
        EvalRecord last = EvalRecord.parse(rows.get(rows.size() - 1));
        assertEquals(5000, last.envSteps());
        assertTrue(last.evalReturnMean() - first.evalReturnMean() >= 500,
                "return " + first.evalReturnMean() + " -> " + last.evalReturnMean());
        for (String f : List.of("learning_curve.png", "losses.png", "checkpoint.bin", "summary.json",
                "bundle/policy.onnx", "bundle/policy.json")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        JsonNode json = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        for (String key : List.of("task", "seed", "env_steps", "wall_seconds", "final_eval_return_mean",
                "final_eval_return_std", "solved_at_env_steps", "solved_at_wall_seconds")) {
            assertTrue(json.has(key), key);
        }
        assertEquals(summary.finalEvalReturnMean(), json.get("final_eval_return_mean").asDouble(), 1e-9);
        EvalRecord best = rows.stream().skip(1).map(EvalRecord::parse)
                .max(java.util.Comparator.comparingDouble(EvalRecord::evalReturnMean)).orElseThrow();
        PolicyBundle exported = BundleLoader.create().allowingUnsigned().load(dir.resolve("bundle"));
        assertEquals(best.envSteps(), exported.manifest().provenance().envSteps(),
                "the bundle holds the best-evaluated actor");
        assertEquals(best.evalReturnMean(), summary.heldOut().exported().result().mean(), 1e-3,
                "chosen on the selection robots (metrics.csv rounds to 3 decimals)");
        assertEquals(summary.heldOut().report().mean(), exported.manifest().provenance().evaluationReturns().get(0),
                "the bundle reports the held-out score");
    }

    @Test
    void exportedBundleMatchesTheTrainersOwnActor(@TempDir Path dir) {
        var task = Tasks.byId("pendulum-v1");
        Rng rng = new Rng(4);
        var state = dev.sim2pi.trainer.sac.SacState.forConfig(dev.sim2pi.trainer.sac.SacConfigs.defaults("pendulum-v1"), 3, 1);
        state.initialize(4, 1.0);
        PolicySnapshot policy = new PolicySnapshot(state.actorShape, state.actor, new float[] {0.1f, -0.2f, 0.5f},
                new float[] {0.7f, 0.6f, 3.0f}, new double[] {-2}, new double[] {2});
        PolicyBundle bundle = BundleExport.export(task, policy, dev.sim2pi.models.bundle.Provenance.untrained(4), dir);
        PolicyBundle loaded = BundleLoader.create().expecting(task).allowingUnsigned().load(dir);
        assertEquals(bundle.manifest().taskId(), loaded.manifest().taskId());
        PolicySnapshot.Forward own = policy.forward(1);
        double worst = 0;
        try (OnnxPolicyRunner onnx = loaded.openOnnx()) {
            float[] obs = new float[3];
            float[] action = new float[1];
            double[] expected = new double[1];
            for (int k = 0; k < 1000; k++) {
                double th = rng.uniform(-Math.PI, Math.PI);
                obs[0] = (float) Math.cos(th);
                obs[1] = (float) Math.sin(th);
                obs[2] = (float) rng.uniform(-8, 8);
                onnx.act(obs, 0, action, 0);
                own.actions(obs, 1, expected);
                worst = Math.max(worst, Math.abs(action[0] - expected[0]));
            }
        }
        assertTrue(worst <= 1e-5, "ONNX Runtime vs trainer actor differ by " + worst);
    }
}
