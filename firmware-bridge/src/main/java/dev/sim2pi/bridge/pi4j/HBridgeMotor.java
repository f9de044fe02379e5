package dev.sim2pi.bridge.pi4j;

import dev.sim2pi.bridge.device.MotorDriver;

/**
 * A DC motor on an H-bridge in one of the two common wirings.
 * <ul>
 * <li>{@link #pwmAndDirection}: TB6612FNG style, PWM on the enable input and two direction
 * inputs (IN1 high, IN2 low = forward; both high = short brake; both low = coast), optional
 * standby pin (low = everything off).</li>
 * <li>{@link #twoPwm}: DRV8833 style, PWM on one input with the other low (fast decay);
 * both low = coast, both high = brake.</li>
 * </ul>
 * The safe state is coasting with standby low. Not thread-safe; allocation-free.
 */
public final class HBridgeMotor implements MotorDriver {

    private final String name;
    private final PwmChannel pwm;
    private final DigitalLine in1;
    private final DigitalLine in2;
    private final DigitalLine standby;
    private final PwmChannel pwm1;
    private final PwmChannel pwm2;
    private final boolean inverted;
    private boolean enabled;
    private double duty;
    private boolean closed;

    private HBridgeMotor(String name, PwmChannel pwm, DigitalLine in1, DigitalLine in2, DigitalLine standby,
                         PwmChannel pwm1, PwmChannel pwm2, boolean inverted) {
        this.name = name;
        this.pwm = pwm;
        this.in1 = in1;
        this.in2 = in2;
        this.standby = standby;
        this.pwm1 = pwm1;
        this.pwm2 = pwm2;
        this.inverted = inverted;
        coast();
    }

    /** TB6612FNG style; {@code standby} may be null when the pin is tied high. Starts disabled. */
    public static HBridgeMotor pwmAndDirection(String name, PwmChannel pwm, DigitalLine in1, DigitalLine in2,
                                               DigitalLine standby, boolean inverted) {
        return new HBridgeMotor(name, pwm, in1, in2, standby, null, null, inverted);
    }

    /** DRV8833 style: two PWM inputs. Starts disabled. */
    public static HBridgeMotor twoPwm(String name, PwmChannel in1, PwmChannel in2, boolean inverted) {
        return new HBridgeMotor(name, null, null, null, null, in1, in2, inverted);
    }

    @Override
    public void setDuty(double dutyFraction) {
        if (!enabled || closed) {
            return;
        }
        if (Double.isNaN(dutyFraction)) {
            coast();
            return;
        }
        double d = Math.max(-1, Math.min(1, dutyFraction));
        duty = d;
        double signed = inverted ? -d : d;
        double magnitude = Math.abs(signed);
        boolean forward = signed >= 0;
        if (pwm != null) {
            in1.set(forward);
            in2.set(!forward);
            pwm.setDutyFraction(magnitude);
        } else {
            // Lower the idle input first so both never go high together (that would brake).
            (forward ? pwm2 : pwm1).fullOff();
            (forward ? pwm1 : pwm2).setDutyFraction(magnitude);
        }
    }

    @Override
    public double dutyFraction() {
        return duty;
    }

    @Override
    public void brake() {
        if (closed) {
            return;
        }
        duty = 0;
        if (pwm != null) {
            in1.set(true);
            in2.set(true);
            pwm.fullOn();
        } else {
            pwm1.fullOn();
            pwm2.fullOn();
        }
    }

    @Override
    public void coast() {
        duty = 0;
        if (pwm != null) {
            pwm.fullOff();
            in1.set(false);
            in2.set(false);
            if (standby != null) {
                standby.set(enabled && !closed);
            }
        } else {
            pwm1.fullOff();
            pwm2.fullOff();
        }
    }

    @Override
    public void enable(boolean enable) {
        if (closed) {
            return;
        }
        enabled = enable;
        coast();
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void close() {
        closed = true;
        enabled = false;
        coast();
    }

    @Override
    public String toString() {
        return "motor '" + name + "' on " + (pwm != null ? pwm.describe() : pwm1.describe() + " + " + pwm2.describe());
    }
}
