package dev.sim2pi.trainer.real;

import dev.sim2pi.models.InputException;
import dev.sim2pi.models.task.Channel;
import dev.sim2pi.models.task.Layout;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.telemetry.wire.FrameLayout;
import java.nio.file.Path;

/**
 * Whether a dataset's announced layout is the task's: same id, version, sensor, observation and
 * action channels (names and units, in order). Anything else is refused with a message naming the
 * dataset and the first difference: frames of another layout would be read as the wrong numbers.
 */
final class DatasetCompatibility {

    private DatasetCompatibility() {
    }

    static void check(Path dataset, FrameLayout layout, RobotTask task) {
        if (!layout.taskId().equals(task.id())) {
            throw new InputException("dataset " + dataset + " was recorded for task '" + layout.taskId() + "' v"
                    + layout.taskVersion() + ", expected '" + task.id() + "'");
        }
        if (layout.taskVersion() != task.version()) {
            throw new InputException("dataset " + dataset + " was recorded for " + task.id() + " v" + layout.taskVersion()
                    + ", expected v" + task.version() + " (observation, reward or layouts changed meaning)");
        }
        same(dataset, "sensors", layout.sensors(), task.sensors());
        same(dataset, "observation", layout.observation(), task.observationLayout());
        same(dataset, "actions", layout.actions(), task.actions());
    }

    private static void same(Path dataset, String what, Layout recorded, Layout expected) {
        int n = Math.max(recorded.size(), expected.size());
        for (int i = 0; i < n; i++) {
            Channel r = i < recorded.size() ? recorded.get(i) : null;
            Channel e = i < expected.size() ? expected.get(i) : null;
            if (r == null || e == null || !r.name().equals(e.name()) || !r.unit().equals(e.unit())) {
                throw new InputException("dataset " + dataset + ": " + what + " channel " + i + " is "
                        + describe(r) + ", expected " + describe(e) + " (incompatible layout)");
            }
        }
    }

    private static String describe(Channel c) {
        return c == null ? "absent" : "'" + c.name() + "' [" + c.unit() + "]";
    }
}
