package dev.sim2pi.controller.command;

/**
 * How a bundle load was asked for.
 *
 * @param commandId the load command's id: later acknowledgements about this bundle (kept, rolled back) carry it
 * @param force     load even an older bundle, another model of the running version, or one rolled back before
 */
public record LoadRequest(String commandId, boolean force) {
}
