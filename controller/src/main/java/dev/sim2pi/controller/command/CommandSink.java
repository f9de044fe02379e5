package dev.sim2pi.controller.command;

import dev.sim2pi.models.bundle.PolicyBundle;

/**
 * What the command channel asks of the running controller, once a command has passed its checks
 * (signature, time window, nonce; none for stop and e-stop). Called from the channel's thread,
 * never from the control loop: an implementation hands the request to the loop without blocking
 * it and answers with what it did.
 */
public interface CommandSink {

    /** Leaves idle or stopped for armed; motors may move from the next period on. */
    CommandOutcome arm();

    /** Brings the robot to a controlled stop: actuators safe, state stopped. Always obeyed. */
    CommandOutcome stop();

    /** Actuators safe at once and latched until {@link #reset()}. Always obeyed. */
    CommandOutcome emergencyStop();

    /** Clears a fault or e-stop latch back to idle; nothing moves until the next arm. */
    CommandOutcome reset();

    /** Sets operator input {@code channel} (a sensor channel the wiring marks as operator, e.g. target speed). */
    CommandOutcome setOperatorInput(String channel, double value);

    /**
     * Swaps in a verified bundle at the next period boundary; the running policy keeps running
     * if the bundle does not fit (task, layouts, control rate).
     */
    CommandOutcome loadBundle(PolicyBundle bundle);

    /**
     * Swaps in a verified bundle as {@code request} asks; implementations that keep release
     * history (anti-rollback, probation) use its command id and force flag.
     */
    default CommandOutcome loadBundle(PolicyBundle bundle, LoadRequest request) {
        return loadBundle(bundle);
    }
}
