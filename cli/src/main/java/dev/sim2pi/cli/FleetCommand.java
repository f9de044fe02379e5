package dev.sim2pi.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sim2pi fleet}: what the robots on a broker run. */
@Command(name = "fleet", mixinStandardHelpOptions = true, description = "What the robots on a broker run.",
        subcommands = {FleetStatusCommand.class})
final class FleetCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
