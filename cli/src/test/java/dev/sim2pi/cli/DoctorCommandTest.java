package dev.sim2pi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {

    private static String run(int expectedExit, String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(expectedExit, Sim2pi.execute(args));
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void offAPiTheDoctorChecksTheWiringAndSaysItIsNotOnAPi(@TempDir Path dir) throws Exception {
        Path wiring = dir.resolve("balancer.json");
        try (InputStream in = getClass().getResourceAsStream("/dev/sim2pi/bridge/wiring/balancer-pi.json")) {
            Files.write(wiring, in.readAllBytes());
        }
        String out = run(0, "controller", "doctor", "--wiring", wiring.toString());
        assertTrue(out.contains("not on a Raspberry Pi"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("wiring") && l.contains("OK")), out);
    }

    @Test
    void aBrokenWiringFileFailsWithTheEntryNamed(@TempDir Path dir) throws Exception {
        Path wiring = dir.resolve("bad.json");
        Files.writeString(wiring, "{\"task\": \"balancer\", \"devices\": {\"imu\": {\"type\": \"bno055\"}}, \"sensors\": {}, \"actions\": {}}");
        String out = run(1, "controller", "doctor", "--wiring", wiring.toString());
        assertTrue(out.contains("devices.imu.type") && out.contains("FAIL"), out);
    }
}
