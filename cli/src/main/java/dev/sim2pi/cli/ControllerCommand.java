package dev.sim2pi.cli;

import dev.sim2pi.controller.cli.BenchCommand;
import dev.sim2pi.controller.cli.DoctorCommand;
import dev.sim2pi.controller.cli.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Commands for the robot's controller and its hardware: the same {@code run}, {@code bench} and
 * {@code doctor} the Pi distribution's {@code sim2pi-controller} runs; here {@code run --record}
 * also works (the embedded broker is on the workstation's class path).
 */
@Command(name = "controller", mixinStandardHelpOptions = true, description = "Run, benchmark and check the on-robot controller.",
        subcommands = {RunCommand.class, BenchCommand.class, DoctorCommand.class, ControllerSendCommand.class})
final class ControllerCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
