package dev.sim2pi.controller.command;

/** A refused command: the reason (counted, sent as a code) and a sentence for the operator. */
record Rejection(Refusal reason, String detail) {
}
