package dev.sim2pi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.Figures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCommandsTest {

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = Sim2pi.execute(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void benchPolicyOnAShapeEndsWithTheLatencyFigures() {
        Run r = run("bench", "policy", "--shape", "4x8x2", "--seconds", "0.05", "--seed", "3");
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().strip().split("\\R");
        String last = lines[lines.length - 1];
        assertTrue(Pattern.matches("p50_us=\\S+ p99_us=\\S+ p999_us=\\S+ alloc_bytes_per_call=\\S+ java_p50_us=\\S+", last), last);
        assertTrue(r.out().contains("[4, 8, 2]"), r.out());
    }

    @Test
    void badShapeIsOneLineNamingTheOption() {
        Run r = run("bench", "policy", "--shape", "8x0x2", "--seconds", "1");
        assertEquals(2, r.exit());
        assertEquals("sim2pi: --shape '8x0x2': width '0' is not an integer in [1, 65536]", r.err().strip());
    }

    @Test
    void keygenCreatesTheFolderOfItsPrefix() {
        Path prefix = tmp.resolve("keys/robot");
        Run r = run("bundle", "keygen", prefix.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.isRegularFile(tmp.resolve("keys/robot.key")) && Files.isRegularFile(tmp.resolve("keys/robot.pub")));
    }

    @Test
    void keygenSignPackVerifyAndInspectWorkTogether() throws Exception {
        Path src = Path.of("../models/src/test/resources/bundles/v1/test-pendulum");
        Path dir = tmp.resolve("bundle");
        Files.createDirectories(dir);
        Files.copy(src.resolve("policy.json"), dir.resolve("policy.json"));
        Files.copy(src.resolve("policy.onnx"), dir.resolve("policy.onnx"));
        String prefix = tmp.resolve("robot").toString();

        assertEquals(0, run("bundle", "keygen", prefix).exit());
        Run unsigned = run("bundle", "verify", dir.toString(), "--trust", prefix + ".pub");
        assertEquals(2, unsigned.exit());
        assertTrue(unsigned.err().contains("field 'signature'"), unsigned.err());

        assertEquals(0, run("bundle", "sign", dir.toString(), "--key", prefix).exit());
        Path archive = tmp.resolve("p.s2p");
        assertEquals(0, run("bundle", "pack", dir.toString(), archive.toString()).exit());
        Run verified = run("bundle", "verify", archive.toString(), "--trust", prefix + ".pub");
        assertEquals(0, verified.exit(), verified.err());
        assertTrue(verified.out().startsWith("OK "), verified.out());

        Run inspected = run("bundle", "inspect", archive.toString());
        assertEquals(0, inspected.exit(), inspected.err());
        assertTrue(inspected.out().contains("task test-pendulum v1"), inspected.out());
        assertTrue(inspected.out().contains("signed by key"), inspected.out());
    }
}
