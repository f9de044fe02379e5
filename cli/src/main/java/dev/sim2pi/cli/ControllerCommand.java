package dev.sim2pi.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Commands for the robot's controller and its hardware. */
@Command(name = "controller", description = "Run and check the on-robot controller.",
        subcommands = {DoctorCommand.class})
final class ControllerCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
