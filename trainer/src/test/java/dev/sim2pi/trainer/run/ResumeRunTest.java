package dev.sim2pi.trainer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeRunTest {

    private static TrainOptions options(Path dir, Path config, long steps, boolean resume) {
        return new TrainOptions("pendulum-v1", config, 3, steps, "cpu", dir, resume, System.nanoTime(), false, false);
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
