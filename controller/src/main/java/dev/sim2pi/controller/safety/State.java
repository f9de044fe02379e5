package dev.sim2pi.controller.safety;

/**
 * The controller's lifecycle: idle -> armed -> running -> stopped or faulted. Nothing moves
 * before an explicit arm; a fault (and an emergency stop) holds until an explicit reset.
 */
public enum State {
    /** Actuators safe; waiting for an arm. */
    IDLE,
    /** Armed this period: motors enabled, commands applied from the next period on. */
    ARMED,
    /** The policy drives the actuators through the safety filter. */
    RUNNING,
    /** Stopped on request; arm again to run. */
    STOPPED,
    /** Stopped by a safety rule or an emergency stop; needs a reset, then an arm. */
    FAULTED;

    public boolean drives() {
        return this == RUNNING;
    }
}
