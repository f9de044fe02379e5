package dev.sim2pi.trainer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sim2pi.trainer.run.TrainOptions;
import dev.sim2pi.trainer.run.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real training run's {@code report.html}, opened in headless Chromium at a phone's width: every
 * number it shows is the one in the run's files (summary.json, metrics.csv, the bundle's
 * randomization ranges, a sysid and a loop record), the plots are embedded, nothing is fetched,
 * and nothing is wider than the screen.
 */
class ReportBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void trainingReportShowsTheRunsOwnNumbersOnAPhoneWithoutTheNetwork() throws Exception {
        Path run = tmp.resolve("run");
        new TrainingRun(new TrainOptions("pendulum-v1", null, 3, 2000L, "cpu", run, false, System.nanoTime(), false,
                true), System.out).run();
        Path report = run.resolve(RunReport.FILE);
        assertTrue(Files.size(report) > 0, "train writes report.html");

        try (HeadlessChromium chromium = HeadlessChromium.start(tmp.resolve("profile"))) {
            chromium.phoneViewport(390, 844);
            chromium.open(report);

            JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
            int shown = 0;
            for (Map.Entry<String, JsonNode> e : summary.properties()) {
                if (e.getKey().equals("evaluation")) {
                    continue;
                }
                String text = figure(chromium, e.getKey());
                assertSame(e.getKey(), e.getValue(), text);
                shown++;
            }
            assertTrue(shown >= 10, "summary figures shown: " + shown);

            List<String> csv = Files.readAllLines(run.resolve("metrics.csv"));
            JsonNode table = tableCells(chromium, "metrics");
            assertEquals(csv.size() - 1, table.size(), "one row per evaluation");
            for (int i = 1; i < csv.size(); i++) {
                String[] cells = csv.get(i).split(",");
                for (int c = 0; c < cells.length; c++) {
                    assertNumber("metrics row " + i + " column " + c, Double.parseDouble(cells[c]),
                            table.get(i - 1).get(c).asText());
                }
            }

            JsonNode ranges = JSON.readTree(run.resolve("bundle/policy.json").toFile()).path("randomization").path("config");
            JsonNode shownRanges = tableCells(chromium, "randomization");
            assertEquals(ranges.size(), shownRanges.size());
            int r = 0;
            for (Map.Entry<String, JsonNode> e : ranges.properties()) {
                JsonNode row = shownRanges.get(r++);
                assertEquals(e.getKey(), row.get(0).asText());
                assertNumber(e.getKey() + " low", e.getValue().get("low").asDouble(), row.get(3).asText());
                assertNumber(e.getKey() + " high", e.getValue().get("high").asDouble(), row.get(4).asText());
            }

            JsonNode images = chromium.evalJson("[...document.images].map(i => [i.src.slice(0, 22), i.naturalWidth])");
            assertEquals(3, images.size(), "learning curve, curve by time, losses");
            for (JsonNode img : images) {
                assertEquals("data:image/png;base64,", img.get(0).asText());
                assertTrue(img.get(1).asInt() > 0, "the embedded PNG decodes");
            }
            assertFitsThePhone(chromium);
            assertOnlyLocal(chromium);
        }
    }

    @Test
    void sysidAndLoopSectionsShowTheirRecordsNumbers() throws Exception {
        SysidRecord sysid = new SysidRecord("balancer", "data", 120, 2, 2, 3.25, 1.0625, true, 12.5, List.of(
                new SysidRecord.Fit("body_mass", 1.0, 1.118, 0.004, 1.12, false),
                new SysidRecord.Fit("motor_torque_constant", 0.0075, 0.00806, 0.0002, 0.0081, true),
                new SysidRecord.Fit("gear_efficiency", 0.8, 0.745, 0.02, 0.74, true)),
                List.of(new SysidRecord.Combination("motor_torque_constant*gear_efficiency^1.00", 0.006, 0.00001, -0.998)));
        sysid.write(tmp.resolve("sysid.json"));
        LoopRecord loop = new LoopRecord("before", "bundle", 100, 20.5, 2050, 1, 0, 12.5, 48.25, 210, 900,
                List.of(new LoopRecord.Bin(10, 400), new LoopRecord.Bin(20, 1500), new LoopRecord.Bin(50, 140),
                        new LoopRecord.Bin(1000, 10)),
                Map.of("infer", 21.5), Map.of("tilt", 1L), "stopped", "", 0, 1834.5, 0, 2050, 2050);
        loop.write(tmp.resolve("loop-before.json"));
        Path page = tmp.resolve(RunReport.FILE);
        new RunReport("records").sysid(tmp.resolve("sysid.json")).loop(tmp.resolve("loop-before.json"), "Run before")
                .loop(tmp.resolve("absent.json"), "never shown").write(page);

        try (HeadlessChromium chromium = HeadlessChromium.start(tmp.resolve("profile"))) {
            chromium.phoneViewport(360, 740);
            chromium.open(page);
            JsonNode rows = tableCells(chromium, "sysid");
            assertEquals(3, rows.size());
            for (int i = 0; i < 3; i++) {
                SysidRecord.Fit f = sysid.parameters().get(i);
                JsonNode row = rows.get(i);
                assertEquals(f.name(), row.get(0).asText());
                assertNumber("start", f.start(), row.get(1).asText());
                assertNumber("fit", f.fit(), row.get(2).asText());
                assertNumber("sigma", f.sigma(), row.get(3).asText());
                assertNumber("truth", f.truth(), row.get(4).asText());
                assertNumber("error in sigmas", f.errorSigmas(), row.get(5).asText());
                assertEquals(f.inCombination() ? "no" : "yes", row.get(6).asText());
            }
            assertNumber("residual after", 1.0625, figure(chromium, "residual_after"));
            assertNumber("p99", 48.25, figure(chromium, "loop-before.p99_jitter_us"));
            assertNumber("return", 1834.5, figure(chromium, "loop-before.episode_return"));
            JsonNode bars = chromium.evalJson("[...document.querySelectorAll('svg[data-plot=\"loop-before-jitter\"] rect')]"
                    + ".map(b => [Number(b.dataset.upper), Number(b.dataset.count), b.getBBox().height])");
            assertEquals(4, bars.size());
            assertEquals(1500, bars.get(1).get(1).asLong());
            assertTrue(bars.get(1).get(2).asDouble() > bars.get(0).get(2).asDouble(), "the tallest bar is the largest count");
            assertEquals("0", chromium.eval("String(document.querySelectorAll('section').length - 2)"),
                    "a missing record adds no section");
            assertFitsThePhone(chromium);
            assertOnlyLocal(chromium);
        }
    }

    private static String figure(HeadlessChromium c, String key) throws Exception {
        JsonNode v = c.evalJson("(document.querySelector('td[data-key=\"" + key + "\"]') || {}).innerText");
        assertTrue(v != null && !v.isNull() && !v.isMissingNode(), "figure " + key + " shown");
        return v.asText();
    }

    private static JsonNode tableCells(HeadlessChromium c, String name) throws Exception {
        return c.evalJson("[...document.querySelectorAll('table[data-table=\"" + name + "\"] tbody tr')]"
                + ".map(r => [...r.cells].map(td => td.textContent))");
    }

    private static void assertSame(String key, JsonNode value, String shown) {
        if (value.isNull()) {
            assertEquals(Html.NONE, shown, key);
        } else if (value.isNumber()) {
            assertNumber(key, value.asDouble(), shown);
        } else {
            assertEquals(value.asText(), shown, key);
        }
    }

    /** Shown to six significant digits: the text, read back, is the file's number to that precision. */
    private static void assertNumber(String what, Double expected, String shown) {
        if (expected == null || !Double.isFinite(expected)) {
            assertEquals(Html.NONE, shown, what);
            return;
        }
        double got = Double.parseDouble(shown);
        assertEquals(expected, got, Math.abs(expected) * 5e-6 + 1e-12, what + ": shown " + shown);
    }

    private static void assertFitsThePhone(HeadlessChromium c) throws Exception {
        JsonNode widths = c.evalJson("[document.documentElement.scrollWidth, window.innerWidth]");
        assertTrue(widths.get(0).asInt() <= widths.get(1).asInt(), "nothing wider than the screen: " + widths);
    }

    private static void assertOnlyLocal(HeadlessChromium c) {
        List<String> remote = new ArrayList<>();
        for (String url : c.requests()) {
            if (!url.startsWith("file:") && !url.startsWith("data:")) {
                remote.add(url);
            }
        }
        assertEquals(List.of(), remote, "the report fetches nothing");
    }
}
