package dev.sim2pi.controller.cli;

import dev.sim2pi.models.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code sim2pi-controller}: what the Raspberry Pi distribution runs (no workstation module
 * needed). The workstation's {@code sim2pi controller} hosts the same subcommands.
 */
@Command(name = "sim2pi-controller", mixinStandardHelpOptions = true,
        description = "Run a policy bundle on the robot at a fixed rate, benchmark the loop, check the wiring.",
        subcommands = {RunCommand.class, BenchCommand.class, DoctorCommand.class, CommandLine.HelpCommand.class})
public final class ControllerMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line; bad input is one line on stderr (exit code 2). */
    public static int execute(String... args) {
        return configure(new CommandLine(new ControllerMain()), "sim2pi-controller").execute(args);
    }

    /** Case-insensitive enum options and one-line messages for bad input, as {@code sim2pi} does. */
    public static CommandLine configure(CommandLine cli, String name) {
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable cause = ex;
            while (cause != null && !(cause instanceof InputException)) {
                cause = cause.getCause();
            }
            if (cause != null) {
                commandLine.getErr().println(name + ": " + cause.getMessage());
                return 2;
            }
            throw ex;
        });
        return cli;
    }
}
