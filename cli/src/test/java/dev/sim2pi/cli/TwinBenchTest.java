package dev.sim2pi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwinBenchTest {

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

    private Path shippedTwin() throws Exception {
        Path file = dir.resolve("balancer-twin.json");
        try (InputStream in = getClass().getResourceAsStream("/dev/sim2pi/sim/twin/balancer-twin.json")) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    @Test
    void benchRunsTheTwinFromATwinFile() throws Exception {
        assertEquals(0, run("bench", "sim", "--task", "balancer", "--envs", "16", "--seconds", "0.2",
                "--twin-params", shippedTwin().toString()), err);
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("steps_per_sec=") && last.contains("task=balancer"), last);
    }

    @Test
    void aBadTwinFileIsOneLineNamingFileAndField() throws Exception {
        Path file = shippedTwin();
        Files.writeString(file, Files.readString(file).replace("\"backlash\"", "\"backlash_deg\""));
        assertEquals(2, run("bench", "sim", "--task", "balancer", "--twin-params", file.toString()));
        assertTrue(err.startsWith("sim2pi: " + file) && err.contains("backlash_deg") && err.strip().lines().count() == 1,
                err);
    }
}
