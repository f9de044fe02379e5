package dev.sim2pi.controller.command;

/**
 * The answer to one command, sent back on {@code sim2pi/<robot>/cmd/ack}: whether it was carried
 * out and, in words a person reads, what happened or why not.
 */
public record CommandOutcome(boolean accepted, String detail) {

    public static CommandOutcome done(String detail) {
        return new CommandOutcome(true, detail);
    }

    public static CommandOutcome refused(String detail) {
        return new CommandOutcome(false, detail);
    }
}
