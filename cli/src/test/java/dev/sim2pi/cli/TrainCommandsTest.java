package dev.sim2pi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandsTest {

    @TempDir
    Path dir;

    private String out;
    private String err;

    private int run(String... args) {
        CliRun r = CliRun.of(args);
        out = r.out();
        err = r.err();
        return r.exitCode();
    }

    @Test
    void trainWritesSummaryAndPrintsTheBundlePath() throws Exception {
        Path runDir = dir.resolve("run");
        assertEquals(0, run("train", "--task", "pendulum-v1", "--seed", "2", "--max-env-steps", "1200",
                "--out", runDir.toString(), "--no-progress"), err);
        assertTrue(out.contains("policy bundle: " + runDir.resolve("bundle").toAbsolutePath()), out);
        assertTrue(Files.exists(runDir.resolve("summary.json")));
        assertTrue(Files.exists(runDir.resolve("bundle/policy.onnx")));
    }

    @Test
    void unknownTaskIsOneLineNamingTheKnownTasks() {
        assertEquals(2, run("train", "--task", "nosuch", "--out", dir.toString()));
        assertTrue(err.startsWith("sim2pi: ") && err.contains("pendulum-v1"), err);
    }

    @Test
    void benchTrainEndsWithUpdatesAndEnvStepsPerSecond() {
        assertEquals(0, run("bench", "train", "--task", "pendulum-v1", "--seconds", "1"), err);
        String[] lines = out.strip().split("\n");
        String last = lines[lines.length - 1];
        assertTrue(last.startsWith("updates_per_sec=") && last.contains(" env_steps_per_sec=")
                && last.contains(" engine=java"), last);
    }
}
