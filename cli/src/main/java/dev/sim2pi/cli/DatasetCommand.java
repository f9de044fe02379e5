package dev.sim2pi.cli;

import dev.sim2pi.models.InputException;
import dev.sim2pi.telemetry.record.CsvExporter;
import dev.sim2pi.telemetry.record.DatasetReader;
import dev.sim2pi.telemetry.record.FramedLog;
import dev.sim2pi.telemetry.record.SequenceTracker;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Inspects and exports recorded datasets. */
@Command(name = "dataset", description = "Inspect or export recorded telemetry datasets.",
        subcommands = {DatasetCommand.Export.class, DatasetCommand.Info.class, DatasetCommand.Merge.class})
final class DatasetCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "export", description = "Export datasets as CSV (header from the announced layout).")
    static final class Export implements Runnable {

        @Option(names = "--format", defaultValue = "csv", description = "Output format: csv.")
        String format;

        @Option(names = "--out", paramLabel = "FILE",
                description = "Output file for one dataset ('-' = stdout). Default: frames.csv inside each dataset.")
        String out;

        @Parameters(paramLabel = "DIR", description = "A dataset, or a recorder output directory holding several.")
        Path dir;

        @Override
        public void run() {
            if (!"csv".equals(format)) {
                throw new InputException("--format " + format + ": expected csv");
            }
            try {
                List<Path> datasets = DatasetReader.find(dir);
                if (datasets.isEmpty()) {
                    throw new InputException("dataset path " + dir + ": holds no dataset (no frames.log below it)");
                }
                if (out != null && datasets.size() > 1) {
                    throw new InputException("--out " + out + ": " + dir + " holds " + datasets.size()
                            + " datasets; give one dataset or leave --out out");
                }
                for (Path d : datasets) {
                    boolean stdout = "-".equals(out);
                    Path target = out == null ? d.resolve("frames.csv") : stdout ? null : Path.of(out);
                    try (Writer w = stdout
                            ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                            : Files.newBufferedWriter(target)) {
                        CsvExporter.Result r = CsvExporter.export(new DatasetReader(d), w);
                        System.err.printf("%s: %d rows%s%s%s%n", d, r.rows(), stdout ? "" : " -> " + target,
                                r.torn() ? " (torn last record skipped)" : "",
                                r.hadLayout() ? "" : " (no layout announced: numbered columns)");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Command(name = "merge", description = "Join several recorders' outputs (a shared subscription group) into one "
            + "dataset per robot session: every frame once, ordered by sequence.")
    static final class Merge implements Runnable {

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the merged datasets go (DIR/<robot>/<session>/).")
        Path out;

        @Parameters(paramLabel = "DIR", arity = "1..*", description = "Recorder output directories (or single datasets).")
        List<Path> inputs;

        @Override
        public void run() {
            try {
                for (dev.sim2pi.telemetry.record.DatasetMerge.Result r : dev.sim2pi.telemetry.record.DatasetMerge.merge(inputs, out)) {
                    System.out.printf("%s/%s  sources=%d frames=%d duplicates=%d missing=%d corrupt_records=%d%s%n",
                            r.robot(), r.session(), r.sources(), r.frames(), r.duplicates(), r.missing(),
                            r.corruptRecords(), r.hadLayout() ? "" : " (no layout announced)");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Command(name = "info", description = "Frames, sequence range, gaps and integrity of datasets.")
    static final class Info implements Runnable {

        @Parameters(paramLabel = "DIR", description = "A dataset, or a recorder output directory.")
        Path dir;

        @Override
        public void run() {
            try {
                for (Path d : DatasetReader.find(dir)) {
                    DatasetReader r = new DatasetReader(d);
                    SequenceTracker t = new SequenceTracker();
                    long[] counts = {0, 0};
                    FramedLog.ScanResult scan = r.frames(f -> {
                        counts[0]++;
                        if (!t.accept(f.getSequence())) {
                            counts[1]++;
                        }
                    });
                    String task = r.announcement().map(a -> a.getTaskId() + " v" + a.getTaskVersion()).orElse("(no layout)");
                    System.out.printf("%s  %s  frames=%d duplicates=%d last_sequence=%d missing=%d gaps=%d%s%n", d, task,
                            counts[0], counts[1], t.next() - 1, t.missing(), t.gaps(), scan.torn() ? " torn_tail=skipped" : "");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
