package dev.sim2pi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysidCommandTest {

    @TempDir
    Path tmp;

    @Test
    void aTaskWithoutIdentificationIsOneLine() {
        CliRun run = CliRun.of("sysid", "--task", "cartpole", "--data", tmp.toString());
        assertEquals(2, run.exitCode());
        assertEquals("sim2pi: system identification supports task 'balancer' so far, not 'cartpole'", run.err().strip());
    }

    @Test
    void missingOrEmptyDataIsOneLineNamingThePath() {
        CliRun missing = CliRun.of("sysid", "--task", "balancer", "--data", tmp.resolve("nope").toString());
        assertEquals(2, missing.exitCode());
        assertEquals("sim2pi: dataset path " + tmp.resolve("nope") + ": no such directory", missing.err().strip());
        CliRun empty = CliRun.of("sysid", "--task", "balancer", "--data", tmp.toString());
        assertEquals(2, empty.exitCode());
        assertTrue(empty.err().startsWith("sim2pi: no datasets under " + tmp), empty.err());
    }
}
