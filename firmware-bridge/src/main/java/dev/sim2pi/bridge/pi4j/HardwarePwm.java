package dev.sim2pi.bridge.pi4j;

import com.pi4j.io.pwm.Pwm;

/**
 * The Pi's own PWM (GPIO 12, 13, 18, 19) through Pi4J. Pi4J takes the duty as a whole percent,
 * so this output has 1 % steps: fine for a motor, too coarse for a servo (use a PCA9685).
 * The percent conversion happens here and nowhere else.
 */
public final class HardwarePwm implements PwmChannel {

    private final Pwm pwm;
    private final int frequencyHz;
    private int lastPercent = -1;

    public HardwarePwm(Pwm pwm, int frequencyHz) {
        this.pwm = pwm;
        this.frequencyHz = frequencyHz;
        pwm.setFrequency(frequencyHz);
        setDutyFraction(0);
    }

    /** Whole percent Pi4J is given for {@code dutyFraction} (clipped, rounded to nearest). */
    static int percent(double dutyFraction) {
        double d = Double.isNaN(dutyFraction) ? 0 : Math.max(0, Math.min(1, dutyFraction));
        return (int) Math.round(d * 100);
    }

    @Override
    public void setDutyFraction(double dutyFraction) {
        int p = percent(dutyFraction);
        if (p == lastPercent) {
            return;
        }
        lastPercent = p;
        if (p == 0) {
            pwm.off();
        } else {
            // Integer.valueOf(0..100) is cached: no allocation.
            pwm.on(p, frequencyHz);
        }
    }

    @Override
    public double resolution() {
        return 0.01;
    }

    @Override
    public String describe() {
        return "hardware PWM GPIO " + pwm.address();
    }
}
