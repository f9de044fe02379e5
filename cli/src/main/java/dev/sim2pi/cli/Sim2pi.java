package dev.sim2pi.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sim2pi} command: one entry point for every workstation task. Its standard help
 * options are inherited, so every command and subcommand, present and future, answers
 * {@code --help}, {@code -h} and {@code --version}.
 */
@Command(name = "sim2pi",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,
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
                SysidCommand.class,
                DemoCommand.class,
                DeployCommand.class, FleetCommand.class,
                FinetuneCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Sim2pi implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "On failure, print the stack trace too (or set SIM2PI_VERBOSE=1).")
    boolean verbose;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** The launcher script's own commands, which never reach this class: listed so {@code --help} shows them. */
    private static final String[] LAUNCHER_COMMANDS = {
            "",
            "Commands of the ./sim2pi launcher script:",
            "  test   Run the whole test suite (./mvnw -B verify; extra arguments to Maven).",
            "  build  Rebuild the CLI without tests (./sim2pi rebuilds when sources change)."};

    /** The whole command tree, as {@link #execute} runs it. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Sim2pi());
        // Set on the built root only: a footer in the annotation would be inherited by every subcommand.
        cli.getCommandSpec().usageMessage().footer(LAUNCHER_COMMANDS);
        // 'controller run --hardware sim' and '--runtime java' are spelled in lower case.
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    /** Runs the command line and returns its exit code; any failure is one line on stderr. */
    public static int execute(String... args) {
        return execute(commandLine(), args);
    }

    static int execute(CommandLine cli, String... args) {
        Sim2pi root = cli.getCommand();
        cli.setExecutionExceptionHandler(new OneLineErrors(() -> root.verbose));
        return cli.execute(args);
    }
}
