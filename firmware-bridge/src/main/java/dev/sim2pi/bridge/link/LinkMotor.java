package dev.sim2pi.bridge.link;

import dev.sim2pi.bridge.device.MotorDriver;

/**
 * A motor channel of a microcontroller. Commands are collected in the link's pending
 * {@link MotorCommand} and sent once per control period ({@link McuLink#sendMotorCommand()}),
 * so two motors cost one frame. The MCU coasts the motor when its enable bit is clear, when a
 * command outlives its time-to-live and when heartbeats stop; after a watchdog stop it keeps
 * the motors off until {@link #enable enable(true)} sends the explicit re-enable.
 */
public final class LinkMotor implements MotorDriver {

    private final McuLink link;
    private final int channel;
    private final int bit;
    private final boolean inverted;
    private boolean enabled;
    private boolean closed;
    private double duty;

    public LinkMotor(McuLink link, int channel, boolean inverted) {
        this.link = link;
        this.channel = channel;
        this.bit = 1 << channel;
        this.inverted = inverted;
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
        MotorCommand c = link.motorCommand();
        c.setDutyFraction(channel, inverted ? -duty : duty);
        c.enableMask |= bit;
        c.brakeMask &= ~bit;
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
        MotorCommand c = link.motorCommand();
        c.duty[channel] = 0;
        c.enableMask |= bit;
        c.brakeMask |= bit;
    }

    @Override
    public void coast() {
        duty = 0;
        MotorCommand c = link.motorCommand();
        c.duty[channel] = 0;
        c.enableMask &= ~bit;
        c.brakeMask &= ~bit;
    }

    @Override
    public void enable(boolean enable) {
        if (!closed) {
            enabled = enable;
            coast();
            if (enable) {
                link.reenableMotors();
            }
        }
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    /** Coasts and tells the MCU at once (not waiting for the next period). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        enabled = false;
        coast();
        closed = true;
        link.sendMotorCommand();
    }
}
