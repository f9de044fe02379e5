package dev.sim2pi.sim.replay;

import java.util.List;

/**
 * Recorded actions to replay, grouped in episodes that each start from a given state.
 *
 * @param episodes the episodes in file order
 * @param ignoredStateValues state values found on rows after step 0, which replay does not use
 */
public record ReplayLog(List<Episode> episodes, int ignoredStateValues) {

    /**
     * @param id           the episode number in the file
     * @param initialState task state at step 0 ({@code RobotTask.state()} order)
     * @param actions      one command per step, {@code actions[step]}, as recorded
     * @param firstLine    1-based line of the step-0 row, for messages
     */
    public record Episode(long id, double[] initialState, double[][] actions, int firstLine) {
    }

    public int rows() {
        int n = 0;
        for (Episode e : episodes) {
            n += e.actions().length;
        }
        return n;
    }
}
