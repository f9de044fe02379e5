package dev.sim2pi.trainer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sim2pi.models.bundle.BundleLoader;
import dev.sim2pi.models.bundle.Provenance;
import dev.sim2pi.sim.Plants;
import dev.sim2pi.sim.env.VectorEnv;
import dev.sim2pi.trainer.env.SimEnvFactory;
import dev.sim2pi.trainer.sac.EvaluationRobots;
import dev.sim2pi.trainer.sac.Evaluator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported actor is chosen on one set of robots and scored on another: the two sets (and the
 * training robots) are disjoint, and every reported score is the report set's.
 */
class HonestEvaluationTest {

    @Test
    void selectionReportAndTrainingRobotsAreDisjoint() {
        int robots = 50;
        long seed = 1;
        Set<List<Double>> selection = drawnRobots(robots, EvaluationRobots.SELECTION.seed(seed));
        Set<List<Double>> report = drawnRobots(robots, EvaluationRobots.REPORT.seed(seed));
        Set<List<Double>> training = drawnRobots(robots, seed);
        assertEquals(robots, selection.size(), "the balancer randomizes every robot differently");
        assertEquals(robots, report.size());
        assertTrue(disjoint(selection, report), "a report robot is also a selection robot");
        assertTrue(disjoint(selection, training), "a selection robot is also a training robot");
        assertTrue(disjoint(report, training), "a report robot is also a training robot");
    }

    @Test
    void evaluatorsStartFromTheirSetsSeed() {
        SimEnvFactory factory = SimEnvFactory.forTask("pendulum-v1");
        try (Evaluator s = new Evaluator(factory, 2, 9, EvaluationRobots.SELECTION);
             Evaluator r = new Evaluator(factory, 2, 9, EvaluationRobots.REPORT)) {
            assertEquals(EvaluationRobots.SELECTION.seed(9), s.seed());
            assertEquals(EvaluationRobots.REPORT.seed(9), r.seed());
            assertNotEquals(s.seed(), r.seed());
        }
    }

    @Test
    void theReportedScoreIsTheExportedActorOnTheReportRobots(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("small.json");
        Files.writeString(config, "{\"batch_size\": 32, \"learning_starts\": 300, \"eval_interval\": 400, \"eval_episodes\": 3}");
        Path out = dir.resolve("run");
        TrainingRun run = new TrainingRun(new TrainOptions("pendulum-v1", config, 5, 1600L, "cpu", out, false,
                System.nanoTime(), false, true), System.out);
        RunSummary summary = run.run();

        SimEnvFactory factory = SimEnvFactory.forTask("pendulum-v1");
        Evaluator.Result onReport;
        Evaluator.Result onSelection;
        try (Evaluator report = new Evaluator(factory, 3, 5, EvaluationRobots.REPORT);
             Evaluator selection = new Evaluator(factory, 3, 5, EvaluationRobots.SELECTION)) {
            onReport = report.evaluate(run.exportedPolicy());
            onSelection = selection.evaluate(run.exportedPolicy());
        }
        assertEquals(onReport, summary.heldOut().report(), "held-out score = the exported actor on the report robots");
        assertEquals(onSelection, summary.heldOut().exported().result(), "it was chosen on the selection robots");
        assertNotEquals(onReport.mean(), onSelection.mean(), "different robots, different episodes");

        List<EvalRecord> curve = Files.readAllLines(out.resolve("metrics.csv")).stream().skip(1).map(EvalRecord::parse).toList();
        EvalRecord best = curve.stream().max(java.util.Comparator.comparingDouble(EvalRecord::evalReturnMean)).orElseThrow();
        assertEquals(best.envSteps(), summary.heldOut().exported().envSteps(), "the exported actor is the selection curve's best");
        assertEquals(best.evalReturnMean(), onSelection.mean(), 1e-3);

        Provenance p = BundleLoader.create().allowingUnsigned().load(out.resolve("bundle")).manifest().provenance();
        assertEquals(List.of(onReport.mean(), onReport.nominal()), p.evaluationReturns());
        assertEquals(best.envSteps(), p.envSteps());
        Map<?, ?> evaluation = (Map<?, ?>) p.trainerConfig().get("evaluation");
        assertEquals(EvaluationRobots.SELECTION.seed(5), ((Number) ((Map<?, ?>) evaluation.get("selection")).get("simulatorSeed")).longValue());
        assertEquals(EvaluationRobots.REPORT.seed(5), ((Number) ((Map<?, ?>) evaluation.get("report")).get("simulatorSeed")).longValue());
        assertTrue(p.trainerConfig().get("exportedActor").toString().contains("held-out return"));

        JsonNode json = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(onReport.mean(), json.get("held_out_return_mean").asDouble(), 1e-9);
        assertEquals(onSelection.mean(), json.get("exported_selection_return_mean").asDouble(), 1e-9);
        assertEquals(curve.get(curve.size() - 1).evalReturnMean(), json.get("final_eval_return_mean").asDouble(), 1e-3);
        assertEquals(EvaluationRobots.REPORT.seed(5), json.get("report_seed").asLong());
        assertFalse(json.get("evaluation").asText().isBlank());
    }

    /** The parameter vectors of the first episode of {@code robots} simulator envs reset with {@code seed}. */
    private static Set<List<Double>> drawnRobots(int robots, long seed) {
        Set<List<Double>> out = new HashSet<>();
        try (VectorEnv env = new VectorEnv(Plants.forTask("balancer"), robots)) {
            env.reset(seed);
            double[] p = env.parameters();
            int n = p.length / robots;
            for (int e = 0; e < robots; e++) {
                out.add(java.util.Arrays.stream(p, e * n, (e + 1) * n).boxed().toList());
            }
        }
        return out;
    }

    private static boolean disjoint(Set<List<Double>> a, Set<List<Double>> b) {
        Set<List<Double>> both = new HashSet<>(a);
        both.retainAll(b);
        return both.isEmpty();
    }
}
