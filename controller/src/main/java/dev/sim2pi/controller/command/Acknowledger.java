package dev.sim2pi.controller.command;

/**
 * Sends an acknowledgement on {@code sim2pi/<robot>/cmd/ack} that answers no message just received:
 * the later verdict on a bundle load (kept after its probation, or rolled back).
 */
@FunctionalInterface
public interface Acknowledger {

    /** Best effort: a failure to send is counted by the channel, never thrown. */
    void acknowledge(String commandId, boolean accepted, String message, String reason);

    /** Sends nothing (no command channel). */
    Acknowledger NONE = (id, accepted, message, reason) -> {
    };
}
