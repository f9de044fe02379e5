package dev.sim2pi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refusals of {@code sim2pi finetune} are one line naming what was wrong (the runs themselves: FinetuneRunTest). */
class FinetuneCommandTest {

    private static final String BUNDLE = Path.of("..", "models", "policies", "balancer").toString();

    @TempDir
    Path tmp;

    @Test
    void aRunWithoutABudgetIsOneLine() {
        CliRun run = CliRun.of("finetune", "--bundle", BUNDLE, "--data", tmp.toString(), "--minutes", "0",
                "--out", tmp.resolve("out").toString());
        assertEquals(2, run.exitCode());
        assertEquals("sim2pi: fine-tuning needs a budget: --minutes above 0 or --max-updates", run.err().strip());
    }

    @Test
    void missingDataIsOneLineNamingThePath() {
        CliRun run = CliRun.of("finetune", "--bundle", BUNDLE, "--data", tmp.resolve("nope").toString(),
                "--max-updates", "10", "--out", tmp.resolve("out").toString());
        assertEquals(2, run.exitCode());
        assertEquals("sim2pi: dataset path " + tmp.resolve("nope") + ": no such directory", run.err().strip());
    }

    @Test
    void aMissingBundleIsOneLine() {
        CliRun run = CliRun.of("finetune", "--bundle", tmp.resolve("none").toString(), "--data", tmp.toString(),
                "--max-updates", "10", "--out", tmp.resolve("out").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().strip().startsWith("sim2pi: ") && run.err().strip().lines().count() == 1, run.err());
        assertTrue(run.err().contains(tmp.resolve("none").toString()), run.err());
    }
}
