package dev.sim2pi.models.task;

import java.util.Objects;

/**
 * One named entry of a float vector that crosses a module boundary (a sensor reading, an
 * actuator command, a state variable, an observation feature).
 *
 * @param name  stable identifier, lower snake case (for example {@code gyro_y})
 * @param unit  SI unit symbol, or {@code "1"} for dimensionless quantities
 * @param low   lowest meaningful value; for actuator commands, the value commands are clipped to
 * @param high  highest meaningful value; for actuator commands, the value commands are clipped to
 */
public record Channel(String name, String unit, double low, double high) {

    public Channel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("channel name '" + name + "' must be lower snake case");
        }
        if (Double.isNaN(low) || Double.isNaN(high) || low > high) {
            throw new IllegalArgumentException(
                    "channel '" + name + "' needs low <= high, got [" + low + ", " + high + "]");
        }
    }

    /** An unbounded channel. */
    public static Channel unbounded(String name, String unit) {
        return new Channel(name, unit, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** A channel bounded to {@code [-limit, limit]}. */
    public static Channel symmetric(String name, String unit, double limit) {
        return new Channel(name, unit, -limit, limit);
    }

    /** Clamps {@code value} to this channel's bounds. */
    public double clamp(double value) {
        return Math.max(low, Math.min(high, value));
    }
}
