package dev.sim2pi.cli;

import dev.sim2pi.trainer.report.ReportJson;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the demo tells the person running it: a numbered line per stage with its time, a few
 * indented detail lines, and the record of every stage ({@code stages.json}: name, status,
 * seconds, detail) that the report shows; a stage that did not run says why.
 */
final class DemoConsole {

    /** How a stage ended. */
    enum Status { DONE, SKIPPED, MISSING, FAILED, STOPPED }

    private final PrintStream out;
    private final Path record;
    private final int stages;
    private final long demoStart = System.nanoTime();
    private final List<List<Object>> rows = new ArrayList<>();
    private int index;
    private String current;
    private long stageStart;
    private boolean frozen;

    DemoConsole(PrintStream out, Path record, int stages) {
        this.out = out;
        this.record = record;
        this.stages = stages;
    }

    /** Starts the next stage (ending nothing: call {@link #end} first). */
    synchronized void begin(String name, String what) {
        index++;
        current = name;
        stageStart = System.nanoTime();
        out.printf(Locale.ROOT, "[%d/%d] %s%n", index, stages, what);
        out.flush();
    }

    synchronized void detail(String line) {
        out.println("      " + line);
        out.flush();
    }

    /** Ends the current stage with {@code status} and a one-line detail. */
    synchronized void end(Status status, String detail) {
        if (current == null) {
            return;
        }
        double seconds = (System.nanoTime() - stageStart) * 1e-9;
        rows.add(List.of(current, status.name().toLowerCase(Locale.ROOT), Math.round(seconds * 10) / 10.0, detail));
        if (status != Status.DONE) {
            out.printf(Locale.ROOT, "      %s: %s%n", status.name().toLowerCase(Locale.ROOT), detail);
        }
        out.printf(Locale.ROOT, "      (%.1f s)%n", seconds);
        out.flush();
        current = null;
        save();
    }

    /** A stage that never started, recorded with why. */
    synchronized void never(String name, Status status, String detail) {
        index++;
        out.printf(Locale.ROOT, "[%d/%d] %s: %s, %s%n", index, stages, name, status.name().toLowerCase(Locale.ROOT), detail);
        out.flush();
        rows.add(List.of(name, status.name().toLowerCase(Locale.ROOT), 0.0, detail));
        save();
    }

    /** The stage under way, or null. */
    synchronized String current() {
        return current;
    }

    double seconds() {
        return (System.nanoTime() - demoStart) * 1e-9;
    }

    /**
     * Records nothing more: after Ctrl-C the main thread may run on for a moment while the JVM
     * shuts down, and the record must end with the stage that was stopped.
     */
    synchronized void freeze() {
        frozen = true;
    }

    /** Ctrl-C: records the stage under way as stopped, then {@link #freeze}s; returns that stage (null between stages). */
    synchronized String stop() {
        String stage = current;
        if (stage != null && !frozen) {
            end(Status.STOPPED, "stopped by Ctrl-C");
        }
        freeze();
        return stage;
    }

    private void save() {
        if (frozen) {
            return;
        }
        ReportJson.writeTable(record, List.of("stage", "status", "seconds", "detail"), rows);
    }
}
