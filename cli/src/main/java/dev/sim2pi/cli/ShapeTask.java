package dev.sim2pi.cli;

import dev.sim2pi.models.InputException;
import dev.sim2pi.models.task.Channel;
import dev.sim2pi.models.task.Layout;
import dev.sim2pi.models.task.ObservationSpec;
import dev.sim2pi.models.task.RobotTask;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in task with only a shape, for benchmarking networks of a given size:
 * {@code n} unbounded observations, {@code m} commands in [-1, 1].
 */
record ShapeTask(int observationCount, int actionCount) implements RobotTask {

    /** Parses {@code 8x64x64x2} into widths; fails naming the option. */
    static int[] parseShape(String shape) {
        String[] parts = shape.split("x");
        if (parts.length < 2) {
            throw new InputException("--shape '" + shape + "': expected widths joined by x, e.g. 8x64x64x2");
        }
        int[] widths = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                widths[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                widths[i] = -1;
            }
            if (widths[i] < 1 || widths[i] > 65_536) {
                throw new InputException("--shape '" + shape + "': width '" + parts[i] + "' is not an integer in [1, 65536]");
            }
        }
        return widths;
    }

    @Override
    public String id() {
        return "bench-shape";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String description() {
        return "benchmark stand-in with " + observationCount + " observations and " + actionCount + " actions";
    }

    @Override
    public Layout state() {
        return sensors();
    }

    @Override
    public Layout sensors() {
        List<Channel> out = new ArrayList<>();
        for (int i = 0; i < observationCount; i++) {
            out.add(Channel.unbounded("obs_" + i, "1"));
        }
        return new Layout(out);
    }

    @Override
    public Layout actions() {
        List<Channel> out = new ArrayList<>();
        for (int i = 0; i < actionCount; i++) {
            out.add(Channel.symmetric("command_" + i, "1", 1));
        }
        return new Layout(out);
    }

    @Override
    public ObservationSpec observationSpec() {
        return ObservationSpec.current(sensors());
    }

    @Override
    public double controlPeriodSeconds() {
        return 0.01;
    }

    @Override
    public int maxEpisodeSteps() {
        return 1;
    }

    @Override
    public void features(double[] sensors, int sensorsOffset, float[] out, int outOffset) {
        for (int i = 0; i < observationCount; i++) {
            out[outOffset + i] = (float) sensors[sensorsOffset + i];
        }
    }

    @Override
    public double reward(double[] before, int beforeOffset, double[] action, int actionOffset, double[] after, int afterOffset) {
        return 0;
    }

    @Override
    public boolean terminated(double[] state, int stateOffset) {
        return false;
    }
}
