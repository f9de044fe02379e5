package dev.sim2pi.trainer.real;

import dev.sim2pi.models.InputException;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.telemetry.record.DatasetReader;
import dev.sim2pi.telemetry.wire.FrameLayout;
import dev.sim2pi.telemetry.wire.proto.Frame;
import dev.sim2pi.telemetry.wire.proto.SessionAnnouncement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw readings and applied commands of recorded datasets as stretches of consecutive control
 * periods: one robot, session and controller run, no lost frame, the loop driving throughout (the
 * same cuts as {@link DatasetTransitions}, without rewards). What system identification replays.
 */
public final class Stretches {

    /**
     * Consecutive periods of one run.
     *
     * @param dataset  the session it came from
     * @param sensors  raw readings, {@code [k * sensorSize + i]}
     * @param commands commands applied after reading k, {@code [k * actionSize + i]}
     * @param length   periods
     */
    public record Stretch(Path dataset, double[] sensors, double[] commands, int length) {
    }

    private Stretches() {
    }

    /** Stretches of at least {@code minLength} periods from every dataset under {@code root}. */
    public static List<Stretch> read(Path root, RobotTask task, int minLength) {
        int sensorSize = task.sensors().size();
        int actionSize = task.actions().size();
        List<Stretch> out = new ArrayList<>();
        try {
            List<Path> found = DatasetReader.find(root);
            if (found.isEmpty()) {
                throw new InputException("no datasets under " + root + ": expected <robot>/<session>/frames.log");
            }
            for (Path dir : found) {
                DatasetReader reader = new DatasetReader(dir);
                SessionAnnouncement a = reader.announcement().orElseThrow(() -> new InputException("dataset " + dir
                        + ": no session announcement, so its layout and task are unknown; refusing it"));
                FrameLayout layout = FrameLayout.fromAnnouncement(a);
                DatasetCompatibility.check(dir, layout, task);
                Intervention intervention = new Intervention(layout);
                FrameRuns runs = new FrameRuns();
                reader.frames(runs::add);
                for (List<Frame> run : runs.runs()) {
                    List<Frame> current = new ArrayList<>();
                    long last = -2;
                    for (Frame f : run) {
                        boolean usable = f.getSensorsCount() == sensorSize && f.getCommandCount() == actionSize
                                && !intervention.idle(f);
                        if (!usable || f.getSequence() != last + 1) {
                            flush(dir, current, sensorSize, actionSize, minLength, out);
                        }
                        last = f.getSequence();
                        if (usable) {
                            current.add(f);
                        }
                    }
                    flush(dir, current, sensorSize, actionSize, minLength, out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading datasets under " + root, e);
        }
        return out;
    }

    private static void flush(Path dir, List<Frame> frames, int sensorSize, int actionSize, int minLength,
                              List<Stretch> out) {
        if (frames.size() >= minLength) {
            int n = frames.size();
            double[] s = new double[n * sensorSize];
            double[] c = new double[n * actionSize];
            for (int k = 0; k < n; k++) {
                Frame f = frames.get(k);
                for (int i = 0; i < sensorSize; i++) {
                    s[k * sensorSize + i] = f.getSensors(i);
                }
                for (int i = 0; i < actionSize; i++) {
                    c[k * actionSize + i] = f.getCommand(i);
                }
            }
            out.add(new Stretch(dir, s, c, n));
        }
        frames.clear();
    }
}
