package dev.sim2pi.bridge.device;

/**
 * A DC motor behind an H-bridge. Commands are a signed duty fraction: +1 full forward, -1 full
 * reverse, 0 no drive. The safe state is coasting (outputs off, driver disabled where it can be).
 */
public interface MotorDriver extends Actuator {

    /**
     * Drives the motor at {@code dutyFraction}, clipped to [-1, 1]; NaN coasts. Ignored (the motor
     * stays coasting) while the driver is disabled.
     */
    void setDuty(double dutyFraction);

    /** The duty last applied, after clipping; 0 while coasting or braking. */
    double dutyFraction();

    /** Shorts the motor terminals: the motor resists turning. */
    void brake();

    /** Leaves the motor terminals open: the motor spins freely. */
    void coast();

    /** Enables or disables the driver; disabling coasts and makes {@link #setDuty} a no-op. */
    void enable(boolean enabled);

    boolean isEnabled();

    /** The safe state of a motor is coasting. */
    @Override
    default void safe() {
        coast();
    }
}
