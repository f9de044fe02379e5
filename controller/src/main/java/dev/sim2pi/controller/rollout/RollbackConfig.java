package dev.sim2pi.controller.rollout;

import dev.sim2pi.models.InputException;

/**
 * When a swapped-in candidate is rolled back. For {@code windowNanos} after its swap (its
 * probation) the previous bundle is kept; it comes back at once if the robot faults (a tilt trip,
 * any stopping safety event) or its estimator says it fell, or, once the candidate has run
 * {@code minPeriods} periods, if more than {@code maxSaturatedFraction} of them saturated an
 * actuator (clamped, slew-limited or at a limit) or its mean estimated reward per period fell more
 * than {@code maxRewardDrop} below what the previous bundle earned in its last {@code baselineNanos}.
 *
 * @param windowNanos          probation after a swap; 0 keeps every candidate at once
 * @param maxSaturatedFraction share of running periods allowed to saturate, in [0, 1]
 * @param maxRewardDrop        allowed fall of the mean reward per period below the previous bundle's
 * @param minPeriods           running periods before saturation and reward are judged
 * @param baselineNanos        how far back the previous bundle's reward is averaged
 */
public record RollbackConfig(long windowNanos, double maxSaturatedFraction, double maxRewardDrop, int minPeriods,
                             long baselineNanos) {

    public RollbackConfig {
        if (windowNanos < 0) {
            throw new InputException("--rollback-window " + windowNanos * 1e-9 + " s: expected 0 or more seconds");
        }
        if (!(maxSaturatedFraction >= 0 && maxSaturatedFraction <= 1)) {
            throw new InputException("--rollback-saturation " + maxSaturatedFraction + ": expected a fraction in [0, 1]");
        }
        if (!(maxRewardDrop >= 0)) {
            throw new InputException("--rollback-reward-drop " + maxRewardDrop + ": expected 0 or more (reward per period)");
        }
        if (minPeriods < 1 || baselineNanos <= 0) {
            throw new InputException("rollback: minPeriods and baseline must be positive");
        }
    }

    /**
     * 10 s probation; roll back beyond 50 % saturated periods or a drop of 0.15 reward per period (the
     * balancer earns up to 1.0 per period) from a tenth of a second on, against the previous 5 s (a one-wheel
     * balancer judged after 0.2 s on the twin had already tipped past what the restored policy could catch).
     */
    public static RollbackConfig defaults(double controlRateHz) {
        return new RollbackConfig(10_000_000_000L, 0.5, 0.15, (int) Math.ceil(controlRateHz / 10), 5_000_000_000L);
    }

    public RollbackConfig withWindowNanos(long nanos) {
        return new RollbackConfig(nanos, maxSaturatedFraction, maxRewardDrop, minPeriods, baselineNanos);
    }

    public RollbackConfig withMaxSaturatedFraction(double f) {
        return new RollbackConfig(windowNanos, f, maxRewardDrop, minPeriods, baselineNanos);
    }

    public RollbackConfig withMaxRewardDrop(double drop) {
        return new RollbackConfig(windowNanos, maxSaturatedFraction, drop, minPeriods, baselineNanos);
    }
}
