package dev.sim2pi.cli;

import dev.sim2pi.models.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sim2pi} command: one entry point for every workstation task. */
@Command(name = "sim2pi",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Train robot policies in a randomized simulation, deploy them to a Raspberry Pi, stream telemetry back.",
        subcommands = {
                TasksCommand.class,
                ControllerCommand.class,
                BrokerCommand.class, RecordCommand.class, DatasetCommand.class, MonitorCommand.class,
                BenchCommand.class,
                BundleCommand.class,
                SimCommand.class,
                TrainCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Sim2pi implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code; bad input is one line on stderr. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Sim2pi());
        // 'controller run --hardware sim' and '--runtime java' are spelled in lower case.
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable cause = ex;
            while (cause != null && !(cause instanceof InputException)) {
                cause = cause.getCause();
            }
            if (cause != null) {
                commandLine.getErr().println("sim2pi: " + cause.getMessage());
                return 2;
            }
            throw ex;
        });
        return cli.execute(args);
    }
}
