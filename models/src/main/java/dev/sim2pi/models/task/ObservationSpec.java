package dev.sim2pi.models.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a task turns raw sensor readings into the policy input: the features of one reading,
 * how many readings are stacked (newest first) and how many of the last commands follow
 * (newest first). A robot whose commands reach the motors late needs the ones still in flight to
 * predict where it is going.
 *
 * @param features      features computed from one raw reading, in order
 * @param historyLength readings stacked, at least 1 (1 means the current reading only)
 * @param actionHistory previous commands (physical units) that end the observation, 0 for none
 */
public record ObservationSpec(Layout features, int historyLength, int actionHistory) {

    public ObservationSpec {
        Objects.requireNonNull(features, "features");
        if (historyLength < 1) {
            throw new IllegalArgumentException("historyLength must be >= 1, got " + historyLength);
        }
        if (actionHistory < 0) {
            throw new IllegalArgumentException("actionHistory must be >= 0, got " + actionHistory);
        }
    }

    /** The current reading's features only. */
    public static ObservationSpec current(Layout features) {
        return new ObservationSpec(features, 1, 0);
    }

    /** Length of the observation vector given the task's action layout. */
    public int size(Layout actions) {
        return features.size() * historyLength + actionHistory * actions.size();
    }

    /**
     * The full observation layout: {@code name} for the current reading, {@code name_tK} for the
     * reading K steps back, then {@code last_<action>} for the previous command and
     * {@code last_<action>_tK} for the one K steps before it.
     */
    public Layout layout(Layout actions) {
        List<Channel> out = new ArrayList<>(size(actions));
        for (int k = 0; k < historyLength; k++) {
            for (Channel c : features.channels()) {
                out.add(k == 0 ? c : new Channel(c.name() + "_t" + k, c.unit(), c.low(), c.high()));
            }
        }
        for (int k = 0; k < actionHistory; k++) {
            for (Channel c : actions.channels()) {
                out.add(new Channel("last_" + c.name() + (k == 0 ? "" : "_t" + k), c.unit(), c.low(), c.high()));
            }
        }
        return new Layout(out);
    }
}
