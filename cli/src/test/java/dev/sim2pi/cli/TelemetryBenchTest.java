package dev.sim2pi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code bench telemetry --mosquitto --recorders 2}: Mosquitto with passwords and the shipped
 * ACL, two recorders splitting the robots through a shared subscription; both take a share, the
 * merged datasets hold every frame once. Checks behaviour only (latency is for the benchmark).
 */
class TelemetryBenchTest {

    @Test
    void mosquittoWithCredentialsAndTwoSharingRecordersLosesNothing() {
        boolean present = Files.isExecutable(Path.of("/usr/sbin/mosquitto")) && Files.isExecutable(Path.of("/usr/bin/mosquitto_passwd"));
        assumeTrue(present || "true".equals(System.getenv("CI")), "Mosquitto not installed (apt-get install mosquitto)");
        CliRun run = CliRun.of("bench", "telemetry", "--mosquitto", "--robots", "3", "--rate", "100", "--seconds", "2",
                "--warmup-seconds", "0.5", "--recorders", "2");
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().strip().split("\n");
        Map<String, String> figures = new HashMap<>();
        for (String kv : lines[lines.length - 1].split(" ")) {
            figures.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        assertEquals("0", figures.get("lost"), run.out());
        assertEquals("0", figures.get("duplicates"), run.out());
        assertEquals("2", figures.get("recorders"));
        assertTrue(Long.parseLong(figures.get("frames_sent")) > 100, run.out());
        String stored = run.out().substring(run.out().indexOf("recorders stored [") + 18);
        for (String n : stored.substring(0, stored.indexOf(']')).split(", ")) {
            assertTrue(Long.parseLong(n) > 0, "each recorder took a share: " + run.out());
        }
    }
}
