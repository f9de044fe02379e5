package dev.sim2pi.bridge.sim;

import dev.sim2pi.bridge.device.MotorDriver;

/**
 * A motor that sets the plant's command: duty times the wiring's units per full scale (1 for a
 * duty channel, the supply volts for a volts channel). The plant has no separate brake, so braking
 * and coasting both command zero.
 */
final class SimMotor implements MotorDriver {

    private final SimWorld world;
    private final int channel;
    private final double unitsPerFullScale;
    private boolean enabled;
    private boolean closed;
    private double duty;

    SimMotor(SimWorld world, int channel, double unitsPerFullScale) {
        this.world = world;
        this.channel = channel;
        this.unitsPerFullScale = unitsPerFullScale;
        coast();
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
        duty = Math.max(-1, Math.min(1, dutyFraction));
        world.sync();
        world.setAction(channel, duty * unitsPerFullScale);
    }

    @Override
    public double dutyFraction() {
        return duty;
    }

    @Override
    public void brake() {
        coast();
    }

    @Override
    public void coast() {
        duty = 0;
        world.sync();
        world.setAction(channel, 0);
    }

    /**
     * Zeroes the plant's command through the world's lock-free latch: a watchdog calls this from
     * its own thread while the loop may be stepping the plant, which only its owner may do.
     */
    @Override
    public void safe() {
        world.zeroFromAnyThread(channel);
    }

    @Override
    public void enable(boolean enable) {
        if (!closed) {
            enabled = enable;
            coast();
        }
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void close() {
        enabled = false;
        closed = true;
        coast();
    }
}
