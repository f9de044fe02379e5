package dev.sim2pi.bridge.device;

/** A wheel or motor-shaft encoder counting ticks (quadrature edges), signed by direction. */
public interface WheelEncoder extends AutoCloseable {

    /** Ticks counted since start, positive forward. */
    long ticks();

    /** Recent tick rate in ticks per second, positive forward. */
    double ticksPerSecond();

    /** Ticks per full revolution of the wheel (calibration), used to convert to radians. */
    double ticksPerRevolution();

    /** Wheel angle in radians since start. */
    default double angleRadians() {
        return ticks() * (2 * Math.PI) / ticksPerRevolution();
    }

    /** Wheel speed in radians per second. */
    default double angularVelocityRadPerSecond() {
        return ticksPerSecond() * (2 * Math.PI) / ticksPerRevolution();
    }

    @Override
    void close();
}
