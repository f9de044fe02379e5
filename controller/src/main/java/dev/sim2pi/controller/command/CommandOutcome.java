package dev.sim2pi.controller.command;

/**
 * The answer to one command, sent back on {@code sim2pi/<robot>/cmd/ack}: whether it was carried
 * out and, in words a person reads, what happened or why not.
 *
 * @param reason why it was refused, when the controller has a more precise code than
 *               {@link Refusal#CONTROLLER_REFUSED}; null otherwise
 */
public record CommandOutcome(boolean accepted, String detail, Refusal reason) {

    public CommandOutcome(boolean accepted, String detail) {
        this(accepted, detail, null);
    }

    public static CommandOutcome done(String detail) {
        return new CommandOutcome(true, detail);
    }

    public static CommandOutcome refused(String detail) {
        return new CommandOutcome(false, detail);
    }

    public static CommandOutcome refused(Refusal reason, String detail) {
        return new CommandOutcome(false, detail, reason);
    }
}
