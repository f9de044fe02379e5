package dev.sim2pi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping the demo while the controller drives the twin (SIGTERM to a real {@code sim2pi demo}
 * process; Ctrl-C's SIGINT runs the same shutdown path): it ends, the broker no longer listens,
 * the stage is recorded as stopped, and the partial outputs are kept and named with a partial report.
 */
class DemoStopTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void stoppingDuringTheRunKeepsNamedPartialOutputsAndStopsTheBroker() throws Exception {
        Path out = tmp.resolve("demo");
        String java = ProcessHandle.current().info().command().orElse("java");
        // -Xss8m as the launcher: ONNX Runtime's session creation overflows a 1 MB main-thread stack.
        Process p = new ProcessBuilder(java, "-Xss8m", "--enable-native-access=ALL-UNNAMED", "-Dsim2pi.home=" + ROOT, "-cp", System.getProperty("java.class.path"),
                Sim2pi.class.getName(), "demo", "--quick", "--tiny", "--out", out.toString())
                .redirectErrorStream(true).start();
        String broker = null;
        StringBuilder seen = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            Pattern url = Pattern.compile("embedded broker tcp://127\\.0\\.0\\.1:(\\d+)");
            String line;
            while ((line = r.readLine()) != null) {
                seen.append(line).append('\n');
                Matcher m = url.matcher(line);
                if (m.find()) {
                    broker = m.group(1);
                    break;
                }
            }
            if (broker == null) {
                p.waitFor(10, TimeUnit.SECONDS);
            }
            assertTrue(broker != null, "the demo reached its controller run (exit " + (p.isAlive() ? "none yet"
                    : p.exitValue()) + "):\n" + seen);
            Thread.sleep(1500);
            p.destroy();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the demo ends when told to stop");
        } finally {
            p.destroyForcibly();
        }
        assertFalse(listening(Integer.parseInt(broker)), "the embedded broker was stopped");
        String stopped = Files.readString(out.resolve("STOPPED.txt"));
        assertTrue(stopped.contains("'run-before'") && stopped.contains("actuators were made safe"), stopped);
        for (String kept : List.of("bundle-before", "evaluation.json", "stages.json", "report.html")) {
            assertTrue(stopped.contains(kept), kept + " named in STOPPED.txt:\n" + stopped);
        }
        JsonNode rows = new ObjectMapper().readTree(out.resolve("stages.json").toFile()).get("rows");
        JsonNode last = rows.get(rows.size() - 1);
        assertEquals("run-before", last.get(0).asText());
        assertEquals("stopped", last.get(1).asText());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("Stopped by Ctrl-C during stage &#39;run-before&#39;"), "the report says it is partial");
        assertTrue(html.contains("data-table=\"evaluation\""), "what finished is in the report");
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
