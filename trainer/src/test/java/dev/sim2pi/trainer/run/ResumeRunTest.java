package dev.sim2pi.trainer.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.InputException;
import dev.sim2pi.models.bundle.BundleLoader;
import dev.sim2pi.models.bundle.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeRunTest {

    private static TrainOptions options(Path dir, Path config, long steps, boolean resume) {
        return new TrainOptions("pendulum-v1", config, 3, steps, "cpu", dir, resume, System.nanoTime(), false, false);
    }

    private static TrainOptions exporting(Path dir, Path config, long steps, boolean resume) {
        return new TrainOptions("pendulum-v1", config, 3, steps, "cpu", dir, resume, System.nanoTime(), false, true);
    }

    /**
     * The resumed run makes no evaluation of its own (it is already at its length), so what it
     * exports and reports can only come from the checkpoint: the first run's best actor, its
     * latest evaluation and its held-out score.
     */
    @Test
    void resumeKeepsTheBestActorAndTheLatestEvaluation(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("small.json");
        Files.writeString(config, "{\"batch_size\": 32, \"learning_starts\": 300, \"eval_interval\": 300, \"eval_episodes\": 2}");
        Path out = dir.resolve("run");
        TrainingRun firstRun = new TrainingRun(exporting(out, config, 1200, false), System.out);
        RunSummary first = firstRun.run();
        Provenance firstProvenance = BundleLoader.create().allowingUnsigned().load(out.resolve("bundle")).manifest().provenance();
        TrainingRun secondRun = new TrainingRun(exporting(out, config, 1200, true), System.out);
        RunSummary second = secondRun.run();
        Provenance secondProvenance = BundleLoader.create().allowingUnsigned().load(out.resolve("bundle")).manifest().provenance();
        assertArrayEquals(firstRun.exportedPolicy().actor(), secondRun.exportedPolicy().actor());
        assertEquals(first.heldOut().exported().envSteps(), second.heldOut().exported().envSteps());
        assertEquals(first.heldOut().exported().result(), second.heldOut().exported().result());
        assertEquals(first.heldOut().report(), second.heldOut().report());
        assertEquals(firstProvenance.envSteps(), secondProvenance.envSteps());
        assertEquals(firstProvenance.evaluationReturns(), secondProvenance.evaluationReturns());
        assertEquals(first.finalEvalReturnMean(), second.finalEvalReturnMean());
        List<String> rows = Files.readAllLines(out.resolve("metrics.csv"));
        double bestInCsv = rows.stream().skip(1).mapToDouble(r -> EvalRecord.parse(r).evalReturnMean()).max().orElseThrow();
        assertEquals(bestInCsv, second.heldOut().exported().result().mean(), 1e-3);
    }

    @Test
    void resumeContinuesTheRunAndItsMetrics(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("small.json");
        Files.writeString(config, "{\"batch_size\": 32, \"learning_starts\": 300, \"eval_interval\": 500, \"eval_episodes\": 2}");
        Path out = dir.resolve("run");
        RunSummary first = new TrainingRun(options(out, config, 1000, false), System.out).run();
        assertEquals(1000, first.envSteps());
        RunSummary second = new TrainingRun(options(out, config, 1500, true), System.out).run();
        assertEquals(1500, second.envSteps());
        assertEquals(first.updates() + 500, second.updates());
        assertTrue(second.wallSeconds() > first.wallSeconds(), "wall time continues from the checkpoint");
        List<String> rows = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(List.of(500L, 1000L, 1500L), rows.subList(1, rows.size()).stream()
                .map(r -> EvalRecord.parse(r).envSteps()).toList());
    }

    @Test
    void resumeWithoutACheckpointIsRefused(@TempDir Path dir) {
        InputException e = assertThrows(InputException.class,
                () -> new TrainingRun(options(dir, null, 1000, true), System.out));
        assertTrue(e.getMessage().contains("checkpoint"), e.getMessage());
    }
}
