package dev.sim2pi.cli;

import java.util.Arrays;
import java.util.List;

/**
 * Statistics of a policy's evaluation episodes.
 *
 * @param episodes   number of episodes
 * @param mean       mean return
 * @param std        population standard deviation of the returns (as the trainer's evaluation reports it)
 * @param min        lowest return
 * @param p05        5th percentile of the returns
 * @param median     50th percentile of the returns
 * @param max        highest return
 * @param falls      episodes that reached a terminal state before the time limit
 * @param meanLength mean episode length in control steps
 */
record ReturnSummary(int episodes, double mean, double std, double min, double p05, double median, double max,
                     int falls, double meanLength) {

    /**
     * Summarizes {@code outcomes}; percentiles interpolate linearly between the sorted returns
     * (position {@code q * (n - 1)}, numpy's default), so a figure can be recomputed from the CSV.
     *
     * @param maxSteps the task's time limit: an episode that terminated on its last allowed step
     *                 ran the whole time and is not a fall
     */
    static ReturnSummary of(List<EpisodeOutcome> outcomes, int maxSteps) {
        int n = outcomes.size();
        if (n == 0) {
            throw new IllegalArgumentException("no episodes to summarize");
        }
        double[] sorted = new double[n];
        double sum = 0;
        long steps = 0;
        int falls = 0;
        for (int i = 0; i < n; i++) {
            EpisodeOutcome o = outcomes.get(i);
            sorted[i] = o.episodeReturn();
            sum += o.episodeReturn();
            steps += o.length();
            if (isFall(o, maxSteps)) {
                falls++;
            }
        }
        double mean = sum / n;
        double squares = 0;
        for (double r : sorted) {
            squares += (r - mean) * (r - mean);
        }
        Arrays.sort(sorted);
        return new ReturnSummary(n, mean, Math.sqrt(squares / n), sorted[0], quantile(sorted, 0.05),
                quantile(sorted, 0.5), sorted[n - 1], falls, (double) steps / n);
    }

    /** Whether the episode ended in a terminal state before the time limit. */
    static boolean isFall(EpisodeOutcome o, int maxSteps) {
        return o.terminated() && o.length() < maxSteps;
    }

    double fallRate() {
        return (double) falls / episodes;
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
