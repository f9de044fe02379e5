package dev.sim2pi.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The controller's own command line (what the Pi distribution runs): help, bad input, a short real run. */
class ControllerMainTest {

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            code = ControllerMain.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    private static final String BALANCER = Path.of("..", "models", "policies", "balancer").toString();

    @Test
    void everyCommandAnswersHelp() {
        for (String[] args : new String[][] {{"--help"}, {"run", "--help"}, {"bench", "--help"}, {"doctor", "--help"}}) {
            Result r = run(args);
            assertEquals(0, r.code(), String.join(" ", args));
            assertTrue(r.out().contains("Usage:"), r.out());
        }
        assertTrue(run("run", "--help").out().contains("--force-rate"));
    }

    @Test
    void anotherRateIsRefusedUnlessForced() {
        Result r = run("run", "--bundle", BALANCER, "--allow-unsigned", "--hardware", "sim", "--rate", "200");
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains("--rate 200") && r.err().contains("trained at 100") && r.err().contains("--force-rate"), r.err());
    }

    @Test
    void anUnsignedBundleIsRefusedWithoutAllowUnsigned() {
        Result r = run("run", "--bundle", BALANCER, "--hardware", "sim");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("sign"), r.err());
    }

    @Test
    void recordNeedsTheWorkstationBuild() {
        Result r = run("run", "--bundle", BALANCER, "--allow-unsigned", "--hardware", "sim", "--record", "x");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--broker"), r.err());
    }

    @Test
    void aShortRunOnTheSimulatedRobotEndsWithTheSummaryLine() {
        Result r = run("run", "--bundle", BALANCER, "--allow-unsigned", "--hardware", "sim", "--arm", "--runtime", "java",
                "--duration", "1.5", "--warmup-periods", "2000");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        String last = lines[lines.length - 1];
        for (String key : new String[] {"iterations", "overruns", "p50_jitter_us", "p99_jitter_us", "p999_jitter_us",
                "max_jitter_us", "safety_events", "frames_sent", "episode_return", "falls"}) {
            assertTrue(last.contains(key + "="), key + " in " + last);
        }
        assertTrue(r.out().contains("duty_left=0.0 duty_right=0.0"), "motors off after the run: " + r.out());
    }
}
