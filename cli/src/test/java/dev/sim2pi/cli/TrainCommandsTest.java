package dev.sim2pi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        assertTrue(Files.readString(runDir.resolve("summary.json")).contains("\"bundle\" : \"bundle\""),
                "the summary names its bundle relative to itself, not by a machine path");
        assertTrue(Files.exists(runDir.resolve("bundle/policy.onnx")));
    }

    @Test
    void unknownTaskIsOneLineNamingTheKnownTasks() {
        assertEquals(2, run("train", "--task", "nosuch", "--out", dir.toString()));
        assertTrue(err.startsWith("sim2pi: ") && err.contains("pendulum-v1"), err);
    }

    @Test
    void aRunWithNoStepsIsRefusedBeforeAnythingIsWritten() {
        for (String steps : new String[] {"0", "-5"}) {
            Path runDir = dir.resolve("steps" + steps);
            assertEquals(2, run("train", "--task", "pendulum-v1", "--max-env-steps", steps, "--out", runDir.toString(),
                    "--no-progress"), out);
            assertEquals("sim2pi: --max-env-steps " + steps + ": expected a number of env steps >= 1", err.strip());
            assertFalse(Files.exists(runDir), "nothing is written for a refused run");
        }
    }

    @Test
    void aNegativeSeedIsRefused() {
        assertEquals(2, run("train", "--task", "pendulum-v1", "--seed", "-5", "--out", dir.resolve("r").toString()));
        assertEquals("sim2pi: --seed -5: expected an integer >= 0", err.strip());
    }

    @Test
    void anEarlierRunIsReplacedOnlyWithForce() throws Exception {
        Path runDir = dir.resolve("run");
        Files.createDirectories(runDir);
        Files.writeString(runDir.resolve("summary.json"), "{\"earlier\": true}");
        assertEquals(2, run("train", "--task", "pendulum-v1", "--max-env-steps", "200", "--out", runDir.toString(),
                "--no-progress"));
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.startsWith("sim2pi: --out " + runDir + ": holds an earlier run")
                && err.contains("--resume") && err.contains("--force"), err);
        assertEquals("{\"earlier\": true}", Files.readString(runDir.resolve("summary.json")));

        assertEquals(2, run("train", "--task", "pendulum-v1", "--out", runDir.toString(), "--resume", "--force"));
        assertTrue(err.startsWith("sim2pi: --resume and --force"), err);

        assertEquals(0, run("train", "--task", "pendulum-v1", "--max-env-steps", "200", "--out", runDir.toString(),
                "--no-progress", "--force"), err);
        assertTrue(Files.readString(runDir.resolve("summary.json")).contains("\"env_steps\""));
    }

    @Test
    void anEmptyExistingFolderIsFine() throws Exception {
        Path runDir = Files.createDirectories(dir.resolve("empty"));
        assertEquals(0, run("train", "--task", "pendulum-v1", "--max-env-steps", "200", "--out", runDir.toString(),
                "--no-progress"), err);
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
