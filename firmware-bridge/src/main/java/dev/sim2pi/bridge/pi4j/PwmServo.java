package dev.sim2pi.bridge.pi4j;

import dev.sim2pi.bridge.device.ServoOutput;

/**
 * A hobby servo on a PWM channel (normally a PCA9685 at 50 Hz: 4096 steps of 20 ms give
 * about 4.9 us per step). Pulse range and the angles at its ends come from calibration.
 */
public final class PwmServo implements ServoOutput {

    private final PwmChannel channel;
    private final double periodMicros;
    private final double minPulseMicros;
    private final double maxPulseMicros;
    private final double minAngleRadians;
    private final double maxAngleRadians;
    private double pulseMicros;

    /**
     * @param frequencyHz the channel's actual PWM frequency
     */
    public PwmServo(PwmChannel channel, double frequencyHz, double minPulseMicros, double maxPulseMicros,
                    double minAngleRadians, double maxAngleRadians) {
        if (!(minPulseMicros < maxPulseMicros) || !(minAngleRadians < maxAngleRadians)) {
            throw new IllegalArgumentException("servo on " + channel.describe()
                    + ": needs minPulse < maxPulse and minAngle < maxAngle");
        }
        this.channel = channel;
        this.periodMicros = 1e6 / frequencyHz;
        this.minPulseMicros = minPulseMicros;
        this.maxPulseMicros = maxPulseMicros;
        this.minAngleRadians = minAngleRadians;
        this.maxAngleRadians = maxAngleRadians;
        relax();
    }

    @Override
    public void setPulseWidthMicros(double micros) {
        if (Double.isNaN(micros)) {
            relax();
            return;
        }
        pulseMicros = Math.max(minPulseMicros, Math.min(maxPulseMicros, micros));
        channel.setDutyFraction(pulseMicros / periodMicros);
    }

    @Override
    public void setAngleRadians(double radians) {
        double a = Math.max(minAngleRadians, Math.min(maxAngleRadians, radians));
        setPulseWidthMicros(minPulseMicros
                + (a - minAngleRadians) / (maxAngleRadians - minAngleRadians) * (maxPulseMicros - minPulseMicros));
    }

    @Override
    public double pulseWidthMicros() {
        return pulseMicros;
    }

    @Override
    public void relax() {
        pulseMicros = 0;
        channel.fullOff();
    }

    @Override
    public void close() {
        relax();
    }
}
