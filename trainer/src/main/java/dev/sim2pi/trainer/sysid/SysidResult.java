package dev.sim2pi.trainer.sysid;

import java.util.List;

/**
 * What a system identification found.
 *
 * @param names          fitted parameters, in fit order
 * @param start          their values before the fit (the nominal model)
 * @param fit            their fitted values
 * @param sigma          one standard deviation of each fitted value (from the covariance at the fit;
 *                       residuals of neighbouring frames are correlated, so read it as a lower bound)
 * @param combinations   pairs the data cannot separate, reported as their identifiable combination
 * @param deadTimeSteps  fitted total dead time (action latency plus sensing delay) in control periods
 * @param residualBefore RMS weighted residual with the nominal parameters and nominal dead time
 * @param residualAfter  RMS weighted residual at the fit
 * @param windows        replay windows the fit used
 * @param converged      whether every optimization converged within its evaluation budget (otherwise the
 *                       best point it reached is reported)
 */
public record SysidResult(List<String> names, double[] start, double[] fit, double[] sigma,
                          List<Combination> combinations, int deadTimeSteps, double residualBefore,
                          double residualAfter, int windows, boolean converged) {

    /**
     * Two parameters only identifiable together: {@code first * second^exponent} is what the data fixes.
     *
     * @param first    index into {@link #names()}
     * @param second   index into {@link #names()}
     * @param exponent exponent of the second parameter
     * @param value    the combination's fitted value
     * @param sigma    its standard deviation
     * @param correlation correlation of the two fitted values (near +-1)
     */
    public record Combination(int first, int second, double exponent, double value, double sigma, double correlation) {
    }

    /** Whether parameter i belongs to an unidentifiable pair. */
    public boolean inCombination(int i) {
        for (Combination c : combinations) {
            if (c.first() == i || c.second() == i) {
                return true;
            }
        }
        return false;
    }

    /** The combination written for people, for example {@code motor_torque_constant*gear_efficiency^1}. */
    public String describe(Combination c) {
        return names.get(c.first()) + "*" + names.get(c.second()) + "^" + String.format(java.util.Locale.ROOT, "%.2f",
                c.exponent());
    }
}
