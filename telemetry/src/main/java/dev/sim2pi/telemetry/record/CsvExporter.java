package dev.sim2pi.telemetry.record;

import dev.sim2pi.telemetry.wire.FrameLayout;
import dev.sim2pi.telemetry.wire.proto.Frame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a dataset as CSV, one row per frame, with a header from the announced layout:
 * {@code sequence,timestamp_nanos,sensors.<name>,...,observation.<name>,...,policy_output.<name>,
 * ...,command.<name>,...,safety_flags,stage.<name>_nanos,...,start_lateness_nanos}. Without an
 * announcement the columns are numbered ({@code sensors.0}) instead.
 */
public final class CsvExporter {

    private CsvExporter() {
    }

    /** What an export did. */
    public record Result(long rows, boolean torn, boolean hadLayout) {
    }

    public static Result export(DatasetReader dataset, Writer out) throws IOException {
        Optional<FrameLayout> layout = dataset.layout();
        List<Frame> first = new ArrayList<>(1);
        dataset.frames(f -> {
            if (first.isEmpty()) {
                first.add(f);
            }
        });
        List<String> header = new ArrayList<>(List.of("sequence", "timestamp_nanos"));
        if (layout.isPresent()) {
            FrameLayout l = layout.get();
            l.sensors().names().forEach(n -> header.add("sensors." + n));
            l.observation().names().forEach(n -> header.add("observation." + n));
            l.actions().names().forEach(n -> header.add("policy_output." + n));
            l.actions().names().forEach(n -> header.add("command." + n));
            header.add("safety_flags");
            l.stageNames().forEach(n -> header.add("stage." + n + "_nanos"));
        } else {
            Frame f = first.isEmpty() ? Frame.getDefaultInstance() : first.get(0);
            numbered(header, "sensors", f.getSensorsCount());
            numbered(header, "observation", f.getObservationCount());
            numbered(header, "policy_output", f.getPolicyOutputCount());
            numbered(header, "command", f.getCommandCount());
            header.add("safety_flags");
            numbered(header, "stage", f.getStageNanosCount());
        }
        header.add("start_lateness_nanos");
        out.write(String.join(",", header));
        out.write('\n');
        int sensors = layout.map(l -> l.sensors().size()).orElse(-1);
        int obs = layout.map(l -> l.observation().size()).orElse(-1);
        int actions = layout.map(l -> l.actions().size()).orElse(-1);
        int stages = layout.map(l -> l.stageNames().size()).orElse(-1);
        long[] rows = {0};
        StringBuilder sb = new StringBuilder(256);
        FramedLog.ScanResult scan = dataset.frames(f -> {
            sb.setLength(0);
            sb.append(f.getSequence()).append(',').append(f.getTimestampNanos());
            floats(sb, f.getSensorsList(), sensors);
            floats(sb, f.getObservationList(), obs);
            floats(sb, f.getPolicyOutputList(), actions);
            floats(sb, f.getCommandList(), actions);
            sb.append(',').append(Integer.toUnsignedString(f.getSafetyFlags()));
            longs(sb, f.getStageNanosList(), stages);
            sb.append(',').append(f.getStartLatenessNanos()).append('\n');
            try {
                out.append(sb);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            rows[0]++;
        });
        out.flush();
        return new Result(rows[0], scan.torn(), layout.isPresent());
    }

    private static void numbered(List<String> header, String prefix, int n) {
        for (int i = 0; i < n; i++) {
            header.add(prefix + "." + i);
        }
    }

    /** Writes {@code expected} columns (padding missing values with empty cells) or all values if unknown. */
    private static void floats(StringBuilder sb, List<Float> values, int expected) {
        int n = expected < 0 ? values.size() : expected;
        for (int i = 0; i < n; i++) {
            sb.append(',');
            if (i < values.size()) {
                sb.append(values.get(i).floatValue());
            }
        }
    }

    private static void longs(StringBuilder sb, List<Long> values, int expected) {
        int n = expected < 0 ? values.size() : expected;
        for (int i = 0; i < n; i++) {
            sb.append(',');
            if (i < values.size()) {
                sb.append(values.get(i).longValue());
            }
        }
    }
}
