package dev.sim2pi.bridge.sim;

import dev.sim2pi.bridge.device.ServoOutput;

/** A servo that sets the plant's command, in radians or microseconds as the task's channel is. */
final class SimServo implements ServoOutput {

    private final SimWorld world;
    private final int channel;
    private final boolean micros;
    private final double minPulse;
    private final double maxPulse;
    private final double minAngle;
    private final double maxAngle;
    private double pulse;

    SimServo(SimWorld world, int channel, boolean micros, double minPulse, double maxPulse, double minAngle, double maxAngle) {
        this.world = world;
        this.channel = channel;
        this.micros = micros;
        this.minPulse = minPulse;
        this.maxPulse = maxPulse;
        this.minAngle = minAngle;
        this.maxAngle = maxAngle;
    }

    @Override
    public void setPulseWidthMicros(double us) {
        if (Double.isNaN(us)) {
            relax();
            return;
        }
        pulse = Math.max(minPulse, Math.min(maxPulse, us));
        world.sync();
        world.setAction(channel, micros ? pulse : minAngle + (pulse - minPulse) / (maxPulse - minPulse) * (maxAngle - minAngle));
    }

    @Override
    public void setAngleRadians(double radians) {
        double a = Math.max(minAngle, Math.min(maxAngle, radians));
        setPulseWidthMicros(minPulse + (a - minAngle) / (maxAngle - minAngle) * (maxPulse - minPulse));
    }

    @Override
    public double pulseWidthMicros() {
        return pulse;
    }

    /** A limp servo holds nothing; the plant sees the last position as its best model of that. */
    @Override
    public void relax() {
        pulse = 0;
    }

    @Override
    public void close() {
        relax();
    }
}
