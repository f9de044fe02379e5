package dev.sim2pi.controller.safety;

/**
 * Settings of the safety supervisor.
 *
 * @param slewFractionPerPeriod largest change of a command in one period, as a fraction of its
 *                              channel's span (high - low); unbounded channels are not slew-limited
 * @param stalePeriods          consecutive periods without a fresh reading that stop the robot
 * @param terminationCheck      whether the task's sensor-based termination (the balancer's tilt) stops the robot
 * @param watchdogPeriods       periods the loop may miss before the watchdog makes the actuators safe
 */
public record SafetyConfig(double slewFractionPerPeriod, int stalePeriods, boolean terminationCheck, int watchdogPeriods) {

    public SafetyConfig {
        if (!(slewFractionPerPeriod > 0)) {
            throw new IllegalArgumentException("slew fraction per period must be positive, got " + slewFractionPerPeriod);
        }
        if (stalePeriods < 1 || watchdogPeriods < 1) {
            throw new IllegalArgumentException("stale and watchdog periods must be at least 1");
        }
    }

    /**
     * Defaults for a loop of {@code loopPeriodSeconds} on a task trained at {@code taskPeriodSeconds}:
     * half the span per task period, stale after three task periods, watchdog after three loop periods.
     */
    public static SafetyConfig defaults(double loopPeriodSeconds, double taskPeriodSeconds) {
        double ratio = loopPeriodSeconds / taskPeriodSeconds;
        int stale = (int) Math.max(3, Math.ceil(3 / ratio));
        return new SafetyConfig(Math.min(1.0, 0.5 * ratio), stale, true, 3);
    }

    public SafetyConfig withTerminationCheck(boolean on) {
        return new SafetyConfig(slewFractionPerPeriod, stalePeriods, on, watchdogPeriods);
    }

    public SafetyConfig withStalePeriods(int periods) {
        return new SafetyConfig(slewFractionPerPeriod, periods, terminationCheck, watchdogPeriods);
    }

    public SafetyConfig withWatchdogPeriods(int periods) {
        return new SafetyConfig(slewFractionPerPeriod, stalePeriods, terminationCheck, periods);
    }

    public SafetyConfig withSlewFractionPerPeriod(double fraction) {
        return new SafetyConfig(fraction, stalePeriods, terminationCheck, watchdogPeriods);
    }
}
