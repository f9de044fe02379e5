package dev.sim2pi.trainer.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sim2pi.models.InputException;
import dev.sim2pi.models.bundle.BundleLoader;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.bundle.inference.OnnxPolicyRunner;
import dev.sim2pi.models.tasks.BalancerTask;
import dev.sim2pi.sim.robots.Twins;
import dev.sim2pi.telemetry.record.DatasetReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short fine-tuning run end to end: the shipped balancer recorded on a twin outside its
 * randomization, fine-tuned for a few hundred updates; the new bundle loads, names where it came
 * from, and the same options make the same bundle again.
 */
class FinetuneRunTest {

    static final Path OUTSIDE_TWIN = Path.of("src", "test", "resources", "twins", "balancer-outside.json");

    @TempDir
    static Path shared;
    static Path data;
    static Path randomization;
    static Path config;
    static PolicyBundle parent;

    @BeforeAll
    static void recordTheParentOnTheTwin() throws Exception {
        parent = BundleLoader.create().allowingUnsigned().acceptingAnySigner().load(WarmStartTest.SHIPPED_BALANCER);
        data = shared.resolve("data");
        try (OnnxPolicyRunner policy = parent.openOnnx()) {
            // Clamping at 0.6 puts some frames under a safety intervention.
            PolicyRecording.record(data, policy, Twins.load(BalancerTask.ID, OUTSIDE_TWIN), 600, 3, 0.6);
        }
        randomization = shared.resolve("recentred.json");
        try (InputStream in = FinetuneRunTest.class.getResourceAsStream("/dev/sim2pi/sim/randomization/balancer.json")) {
            Files.write(randomization, in.readAllBytes());
        }
        config = shared.resolve("small.json");
        Files.writeString(config, "{\"batch_size\": 32, \"buffer_size\": 5000, \"eval_interval\": 150, "
                + "\"eval_episodes\": 2}");
    }

    private static FinetuneOptions options(Path out) {
        return FinetuneOptions.defaults(WarmStartTest.SHIPPED_BALANCER, data, out)
                .withRandomization(randomization).withTwinParams(OUTSIDE_TWIN).withConfig(config)
                .withBudget(0, 240L).withLearning(2, 60, 2).withSeed(11);
    }

    @Test
    void aFineTunedBundleNamesItsParentDataAndRandomizationAndIsMadeAgainByItsSeed() throws Exception {
        Path out = shared.resolve("first");
        FinetuneResult r = Finetune.run(options(out), System.out);

        PolicyBundle child = BundleLoader.create().allowingUnsigned().expecting(new BalancerTask()).load(r.bundleDir());
        assertEquals(parent.manifest().version() + 1, r.version(), "one release after the parent");
        assertEquals(r.version(), child.manifest().version());
        assertEquals(parent.manifest().onnxSha256(), child.manifest().parent());
        assertTrue(r.updates() >= 240 && r.updates() < 240 + 4, "stopped at the update budget: " + r.updates());
        assertTrue(r.realTransitions() > 300, "recorded transitions used: " + r.realTransitions());
        assertTrue(Double.isFinite(r.returnBefore()) && Double.isFinite(r.returnAfter()), "scored on the twin");

        Map<String, Object> cfg = child.manifest().provenance().trainerConfig();
        @SuppressWarnings("unchecked")
        Map<String, Object> ft = (Map<String, Object>) cfg.get("finetune");
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) ft.get("parent");
        assertEquals(parent.manifest().onnxSha256(), p.get("onnxSha256"));
        assertEquals(parent.manifest().version(), ((Number) p.get("version")).intValue());
        assertEquals(r.version(), ((Number) ft.get("version")).intValue());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> datasets = (List<Map<String, Object>>) ft.get("datasets");
        List<Path> sessions = DatasetReader.find(data);
        assertEquals(sessions.size(), datasets.size());
        for (int i = 0; i < sessions.size(); i++) {
            assertEquals(ContentHash.of(sessions.get(i)), datasets.get(i).get("sha256"), "dataset " + sessions.get(i));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> rand = (Map<String, Object>) ft.get("randomization");
        assertEquals(ContentHash.of(randomization), rand.get("sha256"));
        assertEquals(11L, child.manifest().provenance().seed());
        String command = (String) cfg.get("command");
        assertTrue(command.startsWith("sim2pi finetune --bundle "), command);
        assertTrue(command.contains(" --max-updates " + r.updates() + " ") && command.contains(" --seed 11 "), command);
        assertTrue(((String) ft.get("warmStart")).contains("ONNX weights"), (String) ft.get("warmStart"));

        for (String f : List.of("metrics.csv", "learning_curve.png", "losses.png", "summary.json", "checkpoint.bin")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), "missing " + f);
        }
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(r.returnAfter(), summary.get("returnAfterTwin").asDouble());
        assertEquals(command, summary.get("reproduce").asText());

        // The reproduce command's options (seed and update count): the same bundle, bit for bit.
        FinetuneResult again = Finetune.run(options(shared.resolve("again")).withBudget(0, r.updates()), System.out);
        // Seed and update count fix the whole learner: the final actors (checkpoint.bin) are identical, and moved.
        float[] first = finalActor(out);
        float[] second = finalActor(shared.resolve("again"));
        assertArrayEquals(first, second, "the same seed and update count make the same actor");
        assertFalse(java.util.Arrays.equals(first, finalActor(null)), "the actor learned");
        assertEquals(r.returnAfter(), again.returnAfter());
    }

    /** The actor of a run's final checkpoint, or (for null) the parent's, as a learner starts from them. */
    private static float[] finalActor(Path run) throws Exception {
        java.util.List<Integer> sizes = parent.actor().layerSizes();
        dev.sim2pi.trainer.sac.SacConfig c = FinetuneConfig.derive(BalancerTask.ID, config, 2,
                sizes.subList(1, sizes.size() - 1));
        try (dev.sim2pi.trainer.env.TrainingEnv env = dev.sim2pi.trainer.env.SimEnvFactory.forTask(BalancerTask.ID).create(1);
             dev.sim2pi.trainer.sac.JavaSacEngine engine = new dev.sim2pi.trainer.sac.JavaSacEngine(c, 42, 2, 1)) {
            dev.sim2pi.trainer.sac.SacTrainer t = new dev.sim2pi.trainer.sac.SacTrainer(c, env, engine, 1);
            if (run == null) {
                BundleWarmStart.apply(parent, t, 1, 1000);
            } else {
                dev.sim2pi.trainer.sac.Checkpoint.warmStart(run.resolve("checkpoint.bin"), t);
            }
            return t.snapshot().actor();
        }
    }

    @Test
    void aRunNeedsABudgetAndData(@TempDir Path out) {
        InputException e = assertThrows(InputException.class,
                () -> Finetune.run(options(out).withBudget(0, null), System.out));
        assertTrue(e.getMessage().contains("budget"), e.getMessage());
        InputException none = assertThrows(InputException.class, () -> Finetune.run(
                FinetuneOptions.defaults(WarmStartTest.SHIPPED_BALANCER, out.resolve("nothing"), out), System.out));
        assertFalse(none.getMessage().isBlank());
    }
}
