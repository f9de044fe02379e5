package dev.sim2pi.sim;

import java.util.Objects;

/**
 * One randomizable physical, actuator or sensor parameter.
 *
 * @param name         lower snake case, the same name in randomization configs and twin files
 * @param unit         SI unit symbol, {@code "1"} for dimensionless, {@code "steps"} for counts
 * @param nominal      the value of the nominal model
 * @param low          lowest value a draw may take
 * @param high         highest value a draw may take
 * @param distribution how draws spread over {@code [low, high]}
 */
public record Parameter(String name, String unit, double nominal, double low, double high,
                        Distribution distribution) {

    /** How a parameter is drawn over its range. */
    public enum Distribution {
        /** Every value in the range equally likely. */
        UNIFORM,
        /** Every ratio equally likely: uniform in log space (range must be positive). */
        LOG_UNIFORM,
        /** Whole numbers from low to high inclusive, equally likely (latencies in steps). */
        INTEGER
    }

    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(distribution, "distribution");
        if (!(low <= nominal && nominal <= high)) {
            throw new IllegalArgumentException("parameter '" + name + "': expected low <= nominal <= high, got "
                    + low + " <= " + nominal + " <= " + high);
        }
        if (distribution == Distribution.LOG_UNIFORM && low <= 0) {
            throw new IllegalArgumentException("parameter '" + name + "': log-uniform needs low > 0, got " + low);
        }
    }

    /** A parameter that is never randomized. */
    public static Parameter fixed(String name, String unit, double value) {
        return new Parameter(name, unit, value, value, value, Distribution.UNIFORM);
    }

    /** Draws one value from this parameter's range. */
    public double draw(Rng rng) {
        return switch (distribution) {
            case UNIFORM -> low == high ? low : rng.uniform(low, high);
            case LOG_UNIFORM -> low == high ? low : Math.exp(rng.uniform(Math.log(low), Math.log(high)));
            case INTEGER -> low + rng.nextInt((int) (high - low) + 1);
        };
    }
}
