package dev.sim2pi.bridge.device;

/**
 * A hobby servo (or ESC) driven by a pulse every PWM period. The safe state sends no pulse, so
 * the servo goes limp instead of holding the last position.
 */
public interface ServoOutput extends Actuator {

    /** Sends pulses of {@code micros}, clipped to this servo's calibrated pulse range. */
    void setPulseWidthMicros(double micros);

    /** Moves to {@code radians}, clipped to the calibrated angle range, mapped linearly to pulse width. */
    void setAngleRadians(double radians);

    /** The pulse width being sent, 0 when no pulse is sent. */
    double pulseWidthMicros();

    /** Stops sending pulses. */
    void relax();

    @Override
    default void safe() {
        relax();
    }
}
