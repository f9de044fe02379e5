package dev.sim2pi.controller.rollout;

import dev.sim2pi.controller.loop.PeriodObserver;
import dev.sim2pi.controller.loop.PreparedPolicy;
import dev.sim2pi.controller.safety.EventKind;
import dev.sim2pi.models.estimate.EstimatedReward;
import dev.sim2pi.models.estimate.StateEstimator;
import dev.sim2pi.models.task.RobotTask;

/**
 * What the running policy earns, as the robot can tell: the task's {@link EstimatedReward} over
 * its own state estimate, summed over the periods it drives the actuators, with counts of faults,
 * estimated falls and saturated periods. Fed by the loop thread (allocation-free, no lock); read
 * by the rollback judge on another thread. Totals only grow; at each policy swap the loop copies
 * them into the {@code atSwap} fields and then bumps {@link #generation()}, so a reader that sees
 * the same generation before and after reading them has a consistent snapshot.
 */
public final class ReturnProxy implements PeriodObserver {

    /** Share of a channel's span within which a command counts as at its limit. */
    static final double AT_LIMIT_FRACTION = 1e-3;
    private static final int SATURATION_BITS = EventKind.ACTION_CLAMPED.bit() | EventKind.SLEW_LIMITED.bit();

    private final EstimatedReward reward;
    private final StateEstimator estimator;
    private final double[] before;
    private final double[] after;
    private final double[] lastApplied;
    private final double[] low;
    private final double[] high;
    private final double[] margin;
    private boolean primed;
    private boolean wasRunning;
    private boolean wasTerminated;
    private boolean wasFaulted;

    private volatile PreparedPolicy running;
    private volatile long generation;
    private volatile long swapNanos;
    private volatile double rewardSum;
    private volatile long rewardPeriods;
    private volatile long runningPeriods;
    private volatile long saturatedPeriods;
    private volatile long faults;
    private volatile long falls;
    private volatile double atSwapRewardSum;
    private volatile long atSwapRewardPeriods;
    private volatile long atSwapRunningPeriods;
    private volatile long atSwapSaturated;
    private volatile long atSwapFaults;
    private volatile long atSwapFalls;

    /** For {@code task}; without an estimated reward only faults and saturation are counted. */
    public ReturnProxy(RobotTask task) {
        this.reward = task.estimatedReward().orElse(null);
        this.estimator = reward == null ? null : reward.newEstimator();
        int n = reward == null ? 0 : reward.estimate().size();
        this.before = new double[n];
        this.after = new double[n];
        int m = task.actions().size();
        this.lastApplied = new double[m];
        this.low = task.actions().lows();
        this.high = task.actions().highs();
        this.margin = new double[m];
        for (int i = 0; i < m; i++) {
            double span = high[i] - low[i];
            margin[i] = Double.isFinite(span) ? AT_LIMIT_FRACTION * span : 0;
        }
    }

    /** Whether rewards are estimated (the task has an estimator). */
    public boolean hasReward() {
        return reward != null;
    }

    @Override
    public void period(PreparedPolicy policy, long nanos, double[] sensors, double[] applied, int flags) {
        if (policy != running) {
            atSwapRewardSum = rewardSum;
            atSwapRewardPeriods = rewardPeriods;
            atSwapRunningPeriods = runningPeriods;
            atSwapSaturated = saturatedPeriods;
            atSwapFaults = faults;
            atSwapFalls = falls;
            swapNanos = nanos;
            running = policy;
            generation = generation + 1;
        }
        boolean isRunning = (flags & EventKind.RUNNING_BIT) != 0;
        boolean faulted = (flags & EventKind.FAULTED_BIT) != 0;
        if (faulted && !wasFaulted) {
            faults = faults + 1;
        }
        wasFaulted = faulted;
        if (estimator != null) {
            if (primed) {
                estimator.update(sensors, 0, after, 0);
            } else {
                estimator.reset(sensors, 0, after, 0);
                primed = true;
            }
            if (wasRunning && isRunning) {
                rewardSum = rewardSum + reward.reward(before, 0, lastApplied, 0, after, 0);
                rewardPeriods = rewardPeriods + 1;
            }
            boolean terminated = reward.terminated(after, 0);
            if (terminated && !wasTerminated && (wasRunning || isRunning)) {
                falls = falls + 1;
            }
            wasTerminated = terminated;
            System.arraycopy(after, 0, before, 0, after.length);
        }
        if (isRunning) {
            runningPeriods = runningPeriods + 1;
            if ((flags & SATURATION_BITS) != 0 || atLimit(applied)) {
                saturatedPeriods = saturatedPeriods + 1;
            }
        }
        System.arraycopy(applied, 0, lastApplied, 0, lastApplied.length);
        wasRunning = isRunning;
    }

    private boolean atLimit(double[] applied) {
        for (int i = 0; i < lastApplied.length; i++) {
            if (applied[i] >= high[i] - margin[i] || applied[i] <= low[i] + margin[i]) {
                return true;
            }
        }
        return false;
    }

    /** The policy that ran last period (null before the first). */
    public PreparedPolicy running() {
        return running;
    }

    /** Bumped at every swap, after the {@code atSwap} snapshot is written. */
    public long generation() {
        return generation;
    }

    /** What the policy running since the last swap did so far, and what its predecessor did before it. */
    public record Tally(long generation, long swapNanos, double rewardSum, long rewardPeriods, long runningPeriods,
                        long saturatedPeriods, long faults, long falls, double totalRewardSum, long totalRewardPeriods) {

        /** Mean estimated reward per period since the swap, NaN before any. */
        public double meanReward() {
            return rewardPeriods == 0 ? Double.NaN : rewardSum / rewardPeriods;
        }

        public double saturatedFraction() {
            return runningPeriods == 0 ? 0 : (double) saturatedPeriods / runningPeriods;
        }
    }

    /** Since the last swap; null if a swap happened while reading (try again later). Not for the loop thread. */
    public Tally sinceSwap() {
        long g = generation;
        long at = swapNanos;
        double rs = atSwapRewardSum;
        long rp = atSwapRewardPeriods;
        long run = atSwapRunningPeriods;
        long sat = atSwapSaturated;
        long f = atSwapFaults;
        long fa = atSwapFalls;
        double totalSum = rewardSum;
        long totalPeriods = rewardPeriods;
        Tally t = new Tally(g, at, totalSum - rs, totalPeriods - rp, runningPeriods - run, saturatedPeriods - sat,
                faults - f, falls - fa, totalSum, totalPeriods);
        return generation == g ? t : null;
    }
}
