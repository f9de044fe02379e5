package dev.sim2pi.models.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a task turns raw sensor readings into the policy input: the features of one reading,
 * how many readings are stacked (newest first) and whether the last applied action follows.
 *
 * @param features          features computed from one raw reading, in order
 * @param historyLength     readings stacked, at least 1 (1 means the current reading only)
 * @param includeLastAction whether the previous command (physical units) ends the observation
 */
public record ObservationSpec(Layout features, int historyLength, boolean includeLastAction) {

    public ObservationSpec {
        Objects.requireNonNull(features, "features");
        if (historyLength < 1) {
            throw new IllegalArgumentException("historyLength must be >= 1, got " + historyLength);
        }
    }

    /** The current reading's features only. */
    public static ObservationSpec current(Layout features) {
        return new ObservationSpec(features, 1, false);
    }

    /** Length of the observation vector given the task's action layout. */
    public int size(Layout actions) {
        return features.size() * historyLength + (includeLastAction ? actions.size() : 0);
    }

    /**
     * The full observation layout: {@code name} for the current reading, {@code name_tK} for the
     * reading K steps back, then {@code last_<action>}.
     */
    public Layout layout(Layout actions) {
        List<Channel> out = new ArrayList<>(size(actions));
        for (int k = 0; k < historyLength; k++) {
            for (Channel c : features.channels()) {
                out.add(k == 0 ? c : new Channel(c.name() + "_t" + k, c.unit(), c.low(), c.high()));
            }
        }
        if (includeLastAction) {
            for (Channel c : actions.channels()) {
                out.add(new Channel("last_" + c.name(), c.unit(), c.low(), c.high()));
            }
        }
        return new Layout(out);
    }
}
