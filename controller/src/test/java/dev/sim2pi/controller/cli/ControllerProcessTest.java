package dev.sim2pi.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sim2pi-controller run} as its own process, as on the Pi: a SIGTERM while the simulated
 * robot is driven leaves its motors off, read back from the simulated robot, and still prints
 * the summary.
 */
class ControllerProcessTest {

    @Test
    void sigtermToARunningControllerTurnsTheMotorsOff(@TempDir Path dir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-Xss8m",
                "-cp", System.getProperty("java.class.path"), ControllerMain.class.getName(), "run",
                "--bundle", Path.of("..", "models", "policies", "balancer").toString(), "--allow-unsigned",
                "--hardware", "sim", "--arm", "--runtime", "java", "--warmup-periods", "2000")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (p.isAlive() && System.nanoTime() < deadline && !Files.readString(err).contains("t=")) {
                Thread.sleep(50);
            }
            assertTrue(p.isAlive(), "the controller runs until told to stop: " + Files.readString(err));
            assertTrue(Files.readString(err).contains("t="), "the loop ran for a second: " + Files.readString(err));
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the controller exits on SIGTERM");
        } finally {
            p.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        String all = String.join("\n", lines) + "\n--- stderr ---\n" + Files.readString(err);
        assertTrue(lines.stream().anyMatch(l -> l.equals(
                "actuators after stop (read back from the simulated robot): duty_left=0.0 duty_right=0.0")), all);
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("iterations=") && last.contains(" overruns=") && last.contains(" p99_jitter_us=")
                && last.contains(" safety_events=") && last.contains(" frames_sent=0") && last.contains(" episode_return=")
                && last.contains(" falls="), all);
        assertEquals(143, p.exitValue(), "terminated by SIGTERM");
    }
}
