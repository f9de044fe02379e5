package dev.sim2pi.trainer.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run's {@code report.html}, built from the files the run wrote. Each method adds a section
 * when its file exists and nothing otherwise, so a partial run (stopped, or missing a stage)
 * still gets a page with what it has. Sections appear in the order the methods are called.
 */
public final class RunReport {

    /** The report's file name, next to a run's other outputs. */
    public static final String FILE = "report.html";

    private final HtmlReport page;

    public RunReport(String title) {
        this.page = new HtmlReport(title);
    }

    /** The report of a {@code sim2pi train} run folder: summary, curves, evaluations, randomization. */
    public static void writeForTraining(Path runDir) {
        RunReport r = new RunReport("Training run: " + runDir.toAbsolutePath().normalize().getFileName());
        r.lead("Written by sim2pi train from summary.json, metrics.csv, the learning-curve PNGs and bundle/policy.json "
                + "in this folder.");
        r.training(runDir, "");
        r.write(runDir.resolve(FILE));
    }

    public RunReport lead(String text) {
        page.lead(text);
        return this;
    }

    /** A section of only text, for example a stage that did not run and why. */
    public RunReport note(String id, String heading, ReportSection.Tone tone, String text) {
        page.section(id, heading).note(tone, text);
        return this;
    }

    /**
     * A training run: its summary figures, learning curves, evaluation table and the bundle's
     * randomization ranges. Reads both a run folder's names ({@code summary.json},
     * {@code metrics.csv}, {@code learning_curve.png}, {@code bundle/policy.json}) and a shipped
     * bundle's ({@code training-summary.json}, {@code training-metrics.csv}, {@code training-curve.png},
     * {@code policy.json}). {@code idPrefix} keeps section ids apart when a report holds two runs.
     */
    public RunReport training(Path dir, String idPrefix) {
        Path summary = first(dir, "summary.json", "training-summary.json");
        if (summary != null) {
            ReportSection s = page.section(idPrefix + "summary", "Training summary");
            Map<String, Object> f = ReportJson.readFigures(summary);
            f.forEach((k, v) -> {
                if (k.equals("evaluation") && v instanceof String text) {
                    s.text(text);
                } else {
                    s.figure(k, Labels.of(k), v);
                }
            });
        }
        Path curve = first(dir, "learning_curve.png", "training-curve.png");
        Path byTime = first(dir, "learning_curve_time.png", "training-curve-time.png");
        Path losses = first(dir, "losses.png", "training-losses.png");
        if (curve != null || byTime != null || losses != null) {
            ReportSection s = page.section(idPrefix + "curves", "Learning curves");
            for (Path p : new Path[] {curve, byTime, losses}) {
                if (p != null) {
                    s.png(p, p.getFileName().toString());
                }
            }
        }
        Path metrics = first(dir, "metrics.csv", "training-metrics.csv");
        if (metrics != null) {
            ReportSection s = page.section(idPrefix + "evaluations", "Evaluations during training");
            s.text("One row per periodic evaluation of the deterministic policy on the selection robots (" + metrics
                    .getFileName() + ").");
            List<String> lines = readLines(metrics);
            if (lines.size() > 1) {
                List<String> header = List.of(lines.get(0).split(","));
                List<List<Object>> rows = new ArrayList<>();
                for (String line : lines.subList(1, lines.size())) {
                    List<Object> row = new ArrayList<>();
                    for (String cell : line.split(",")) {
                        row.add(parse(cell));
                    }
                    rows.add(row);
                }
                s.table("metrics", header, rows, rows.size() > 12);
            } else {
                s.note(ReportSection.Tone.WARN, "no evaluation finished");
            }
        }
        Path manifest = first(dir, "bundle/policy.json", "policy.json");
        if (manifest != null) {
            randomization(manifest, idPrefix);
        }
        return this;
    }

    private void randomization(Path manifest, String idPrefix) {
        JsonNode m = ReportJson.read(manifest);
        JsonNode config = m.path("randomization").path("config");
        if (!config.isObject() || config.isEmpty()) {
            return;
        }
        ReportSection s = page.section(idPrefix + "randomization", "Randomization ranges");
        s.text("Each training episode drew its robot from these ranges (bundle " + manifest.getFileName() + ", seed "
                + m.path("randomization").path("seed").asText("?") + ").");
        List<List<Object>> rows = new ArrayList<>();
        config.properties().forEach(e -> {
            JsonNode p = e.getValue();
            rows.add(List.of(e.getKey(), p.path("unit").asText(""), ReportJson.scalar(p.get("nominal")),
                    ReportJson.scalar(p.get("low")), ReportJson.scalar(p.get("high")), p.path("distribution").asText("")));
        });
        s.table("randomization", List.of("parameter", "unit", "nominal", "low", "high", "distribution"), rows,
                rows.size() > 12);
    }

    /** Key figures from a flat JSON file ({@link ReportJson#writeFigures}). */
    public RunReport figures(String id, String heading, Path file, String intro) {
        if (Files.isRegularFile(file)) {
            ReportSection s = page.section(id, heading);
            if (intro != null) {
                s.text(intro);
            }
            ReportJson.readFigures(file).forEach((k, v) -> s.figure(k, Labels.of(k), v));
        }
        return this;
    }

    /** A table from a JSON file ({@link ReportJson#writeTable}); its element is {@code data-table="id"}. */
    public RunReport table(String id, String heading, Path file, String intro) {
        if (Files.isRegularFile(file)) {
            JsonNode t = ReportJson.read(file);
            List<String> columns = new ArrayList<>();
            t.path("columns").forEach(c -> columns.add(c.asText()));
            List<List<Object>> rows = new ArrayList<>();
            t.path("rows").forEach(r -> {
                List<Object> row = new ArrayList<>();
                r.forEach(c -> row.add(ReportJson.scalar(c)));
                rows.add(row);
            });
            ReportSection s = page.section(id, heading);
            if (intro != null) {
                s.text(intro);
            }
            if (rows.isEmpty()) {
                s.note(ReportSection.Tone.WARN, "none");
            } else {
                s.table(id, columns, rows);
            }
        }
        return this;
    }

    /** A system identification ({@link SysidRecord}): fits against the truth, uncertainty, residuals. */
    public RunReport sysid(Path file) {
        if (Files.isRegularFile(file)) {
            SysidSection.add(page, SysidRecord.read(file));
        }
        return this;
    }

    /** A controller run ({@link LoopRecord}): loop timing with its histogram, safety, score, telemetry. */
    public RunReport loop(Path file, String heading) {
        if (Files.isRegularFile(file)) {
            LoopSection.add(page, LoopRecord.read(file), heading);
        }
        return this;
    }

    public void write(Path file) {
        page.write(file);
    }

    public String render() {
        return page.render();
    }

    private static Path first(Path dir, String... names) {
        for (String n : names) {
            Path p = dir.resolve(n);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Object parse(String cell) {
        try {
            if (cell.matches("-?\\d+")) {
                return Long.parseLong(cell);
            }
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return cell;
        }
    }
}
