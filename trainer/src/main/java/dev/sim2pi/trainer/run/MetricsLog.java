package dev.sim2pi.trainer.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** {@code metrics.csv}: one line per evaluation, appended (and flushed) as evaluations finish. */
public final class MetricsLog {

    private final Path file;
    private final List<EvalRecord> records = new ArrayList<>();

    private MetricsLog(Path file) {
        this.file = file;
    }

    /** A fresh log, replacing any earlier file. */
    public static MetricsLog create(Path file) {
        try {
            Files.writeString(file, EvalRecord.HEADER + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return new MetricsLog(file);
    }

    /** Reopens a log to continue a resumed run, keeping only rows up to {@code envSteps}. */
    public static MetricsLog resume(Path file, long envSteps) {
        MetricsLog log = new MetricsLog(file);
        try {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                    EvalRecord r = EvalRecord.parse(line);
                    if (r.envSteps() <= envSteps) {
                        log.records.add(r);
                    }
                }
            }
            StringBuilder sb = new StringBuilder(EvalRecord.HEADER).append('\n');
            for (EvalRecord r : log.records) {
                sb.append(r.csv()).append('\n');
            }
            Files.writeString(file, sb);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + file, e);
        }
        return log;
    }

    public void append(EvalRecord record) {
        records.add(record);
        try {
            Files.writeString(file, record.csv() + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    public List<EvalRecord> records() {
        return List.copyOf(records);
    }
}
