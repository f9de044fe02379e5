package dev.sim2pi.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Simulator tools. */
@Command(name = "sim", mixinStandardHelpOptions = true, description = "Simulator tools: replay recorded commands through a task's plant.",
        subcommands = {SimReplayCommand.class})
final class SimCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
