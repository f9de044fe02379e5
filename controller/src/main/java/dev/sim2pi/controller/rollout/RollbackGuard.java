package dev.sim2pi.controller.rollout;

import dev.sim2pi.controller.command.Acknowledger;
import dev.sim2pi.controller.command.CommandOutcome;
import dev.sim2pi.controller.command.Refusal;
import dev.sim2pi.controller.loop.ControlLoop;
import dev.sim2pi.controller.loop.PreparedPolicy;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The robot's release history and its judge. Admits a bundle only if it is newer than the running
 * one (or forced); once a candidate has swapped in, keeps the bundle it replaced and watches the
 * candidate for its probation ({@link RollbackConfig}); on a fault, an estimated fall, saturation or
 * a reward drop, hands the previous bundle back to the loop (swapped at the next period boundary),
 * publishes a {@code policy_rolled_back} event, acknowledges the load command again with reason
 * {@code rolled_back} and never loads that candidate again unless forced. A candidate that lasts
 * its probation is acknowledged {@code kept}.
 *
 * <p>{@link #poll()} runs on the loop's event thread (never the loop's); admissions come from the
 * command channel's thread. Both lock this object; the loop thread never does.
 */
public final class RollbackGuard {

    /** Candidates remembered as rolled back (the oldest forgotten first). */
    static final int MAX_REFUSED = 64;
    private static final int SAMPLES = 1024;

    private final ControlLoop loop;
    private final ReturnProxy proxy;
    private final RollbackConfig config;
    private final Clock clock;
    private volatile Acknowledger acks = Acknowledger.NONE;
    private RolloutNotices notices = RolloutNotices.NONE;

    private Release running;
    private PreparedPolicy previous;
    private Pending pending;
    private Probation probation;
    private PreparedPolicy rolledBack;
    private final Set<String> refused = new LinkedHashSet<>();
    private int rollbacks;

    // Reward totals sampled at each poll, to average the previous bundle's reward before a swap.
    private final long[] sampleNanos = new long[SAMPLES];
    private final long[] sampleGeneration = new long[SAMPLES];
    private final double[] sampleSum = new double[SAMPLES];
    private final long[] samplePeriods = new long[SAMPLES];
    private int samples;

    private record Pending(PolicyBundle bundle, Release release, String commandId) {
    }

    private record Probation(Release candidate, Release previous, String commandId, long generation, long swapNanos,
                             double baselineReward) {
    }

    /**
     * @param loop    the loop whose swaps are judged; {@code proxy} must observe it
     * @param initial the policy the loop starts with
     * @param clock   the loop's clock
     */
    public RollbackGuard(ControlLoop loop, ReturnProxy proxy, PreparedPolicy initial, RollbackConfig config, Clock clock) {
        this.loop = loop;
        this.proxy = proxy;
        this.config = config;
        this.clock = clock;
        this.running = Release.of(initial);
    }

    public RollbackConfig config() {
        return config;
    }

    /** Where later verdicts on loads go (the command channel). */
    public void acknowledgeWith(Acknowledger a) {
        acks = a == null ? Acknowledger.NONE : a;
    }

    /** Where decisions are published; set by the thread that polls. */
    public synchronized void notifyWith(RolloutNotices n) {
        notices = n == null ? RolloutNotices.NONE : n;
    }

    /**
     * Whether {@code candidate} may be loaded now: null if so, else the refusal (anti-rollback,
     * rolled back before, already running, a swap or probation under way).
     */
    public synchronized CommandOutcome admit(Release candidate, boolean force) {
        if (pending != null || rolledBack != null) {
            return CommandOutcome.refused(Refusal.BUSY, "a policy swap is under way; send the load again later");
        }
        if (!candidate.sha256().isEmpty() && candidate.sha256().equals(running.sha256())) {
            return CommandOutcome.refused(Refusal.ALREADY_RUNNING, candidate.label() + " is already running");
        }
        if (force) {
            return null;
        }
        if (probation != null) {
            return CommandOutcome.refused(Refusal.ON_PROBATION, probation.candidate.label() + " is on probation for "
                    + seconds(probation.swapNanos + config.windowNanos() - clock.nanoTime())
                    + " s more; load again after its verdict, or force");
        }
        if (refused.contains(candidate.sha256())) {
            return CommandOutcome.refused(Refusal.ROLLED_BACK_BEFORE, candidate.label() + " was rolled back on this"
                    + " robot before; it is loaded again only when forced");
        }
        if (candidate.version() < running.version()) {
            return CommandOutcome.refused(Refusal.OLDER_VERSION, candidate.label() + " is older than the running "
                    + running.label() + "; a bundle older than the running one is loaded only when forced (anti-rollback)");
        }
        if (candidate.version() == running.version()) {
            return CommandOutcome.refused(Refusal.OLDER_VERSION, candidate.label() + " has the running bundle's version"
                    + " but another model (running " + running.label() + "); give it a higher version, or force");
        }
        return null;
    }

    /** Records that {@code bundle} was handed to the loop for {@code commandId}; its probation starts at its swap. */
    public synchronized void offered(PolicyBundle bundle, Release release, String commandId) {
        if (probation != null) {
            // A forced load ends the running candidate's probation: it is the previous bundle now.
            acks.acknowledge(probation.commandId, true, probation.candidate.label() + " superseded by forced load of "
                    + release.label() + " before its verdict", "kept");
            probation = null;
        }
        pending = new Pending(bundle, release, commandId);
    }

    /** Takes what the loop swapped out, notices swaps and judges the candidate on probation. Event thread. */
    public synchronized void poll() {
        ReturnProxy.Tally t = proxy.sinceSwap();
        PreparedPolicy now = proxy.running();
        PreparedPolicy retired = loop.mailbox().takeRetired();
        if (retired != null) {
            retire(retired);
        }
        if (t == null || now == null || t.generation() != proxy.generation()) {
            return; // a swap while reading: next time
        }
        sample(t);
        if (pending != null && now.bundle() == pending.bundle) {
            startProbation(t);
        }
        if (probation != null && t.generation() == probation.generation) {
            judge(t);
        }
    }

    private void retire(PreparedPolicy p) {
        if (p == rolledBack) {
            rolledBack = null;
            close(p);
            return;
        }
        if (previous != null) {
            close(previous);
        }
        previous = p;
    }

    private static void close(PreparedPolicy p) {
        try {
            p.runner().close();
        } catch (RuntimeException e) {
            System.err.println("sim2pi controller: closing policy " + p.id() + " failed: " + e.getMessage());
        }
    }

    private void sample(ReturnProxy.Tally t) {
        int i = samples % SAMPLES;
        sampleNanos[i] = clock.nanoTime();
        sampleGeneration[i] = t.generation();
        sampleSum[i] = t.totalRewardSum();
        samplePeriods[i] = t.totalRewardPeriods();
        samples++;
    }

    private void startProbation(ReturnProxy.Tally t) {
        Release before = running;
        double baseline = baseline(t);
        probation = new Probation(pending.release, before, pending.commandId, t.generation(), t.swapNanos(), baseline);
        running = pending.release;
        pending = null;
        notices.event("policy_probation", String.format(Locale.ROOT, "%s swapped in for %s; on probation for %s s"
                        + " (previous bundle's reward %s per period)", running.label(), before.label(),
                seconds(config.windowNanos()), Double.isNaN(baseline) ? "unknown" : fmt(baseline)));
    }

    /** The previous policy's mean reward per period over the baseline window before the swap; NaN if too few periods. */
    private double baseline(ReturnProxy.Tally t) {
        double atSwapSum = t.totalRewardSum() - t.rewardSum();
        long atSwapPeriods = t.totalRewardPeriods() - t.rewardPeriods();
        long from = t.swapNanos() - config.baselineNanos();
        double sum0 = Double.NaN;
        long periods0 = 0;
        // The earliest sample of the previous policy inside the baseline window.
        for (int k = Math.min(samples, SAMPLES); k >= 1; k--) {
            int i = (samples - k) % SAMPLES;
            if (sampleGeneration[i] == t.generation() - 1 && sampleNanos[i] >= from && sampleNanos[i] <= t.swapNanos()) {
                sum0 = sampleSum[i];
                periods0 = samplePeriods[i];
                break;
            }
        }
        long n = atSwapPeriods - periods0;
        return Double.isNaN(sum0) || n < config.minPeriods() ? Double.NaN : (atSwapSum - sum0) / n;
    }

    private void judge(ReturnProxy.Tally t) {
        Probation p = probation;
        String why = null;
        if (t.faults() > 0) {
            var cause = loop.safety().faultCause();
            why = "the robot faulted (" + (cause == null ? "safety stop" : cause.label()) + ")";
        } else if (t.falls() > 0) {
            why = "its state estimate says it fell";
        } else if (t.runningPeriods() >= config.minPeriods() && t.saturatedFraction() > config.maxSaturatedFraction()) {
            why = String.format(Locale.ROOT, "%.0f%% of its %d periods saturated an actuator (limit %.0f%%)",
                    100 * t.saturatedFraction(), t.runningPeriods(), 100 * config.maxSaturatedFraction());
        } else if (!Double.isNaN(p.baselineReward) && t.rewardPeriods() >= config.minPeriods()
                && t.meanReward() < p.baselineReward - config.maxRewardDrop()) {
            why = String.format(Locale.ROOT, "its reward %s per period fell below the previous bundle's %s by more than %s",
                    fmt(t.meanReward()), fmt(p.baselineReward), fmt(config.maxRewardDrop()));
        }
        long elapsed = clock.nanoTime() - p.swapNanos;
        if (why != null) {
            rollBack(p, why, elapsed);
        } else if (elapsed >= config.windowNanos()) {
            probation = null;
            String m = String.format(Locale.ROOT, "%s kept after %s s of probation: reward %s per period (previous %s),"
                            + " %d of %d periods saturated%s", p.candidate.label(), seconds(elapsed), fmt(t.meanReward()),
                    fmt(p.baselineReward), t.saturatedPeriods(), t.runningPeriods(),
                    t.runningPeriods() < config.minPeriods() ? " (unjudged: it hardly drove the robot, which was not running)"
                            : "");
            notices.event("policy_kept", m);
            acks.acknowledge(p.commandId, true, m, "kept");
        }
    }

    private void rollBack(Probation p, String why, long elapsedNanos) {
        if (previous == null || !loop.mailbox().offerPolicy(previous)) {
            return; // the loop has not handed the previous policy back yet, or a swap is queued: next poll
        }
        rolledBack = proxy.running();
        previous = null;
        probation = null;
        running = p.previous;
        rollbacks++;
        refused.remove(p.candidate.sha256());
        refused.add(p.candidate.sha256());
        if (refused.size() > MAX_REFUSED) {
            refused.remove(refused.iterator().next());
        }
        String m = String.format(Locale.ROOT, "%s rolled back to %s after %s s: %s; it is not loaded again unless forced",
                p.candidate.label(), p.previous.label(), seconds(elapsedNanos), why);
        notices.event("policy_rolled_back", m);
        acks.acknowledge(p.commandId, false, m, Refusal.ROLLED_BACK.code());
    }

    /** The history now, for the status. */
    public synchronized RolloutState state() {
        Release prev = probation != null ? probation.previous : previous == null ? null : Release.of(previous);
        long left = probation == null ? 0 : Math.max(0, probation.swapNanos + config.windowNanos() - clock.nanoTime());
        return new RolloutState(running, prev, rollbacks, new ArrayList<>(refused),
                probation == null ? null : probation.candidate, left);
    }

    /** Closes the kept previous policy (the controller is ending). */
    public synchronized void close() {
        if (previous != null) {
            close(previous);
            previous = null;
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos * 1e-9);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "unknown" : String.format(Locale.ROOT, "%.3f", v);
    }
}
