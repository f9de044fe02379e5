package dev.sim2pi.bridge.device;

/**
 * Something that moves the robot. Every actuator has a safe state (no torque, or no pulse) that
 * {@link #safe()} enters at once and that {@link #close()} always leaves it in, even when
 * closing fails part-way.
 */
public interface Actuator extends AutoCloseable {

    /** Puts the actuator in its safe state now. Idempotent; does not allocate. */
    void safe();

    /** Enters the safe state, then releases the hardware. Idempotent. */
    @Override
    void close();
}
