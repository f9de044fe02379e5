package dev.sim2pi.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Benchmarks. Every subcommand ends its output with one line of space-separated
 * {@code key=value} figures so scripts can read them.
 */
@Command(name = "bench", description = "Measure speed and memory; the last line of output is key=value figures.",
        subcommands = {
                BenchPolicyCommand.class,
                SimBenchCommand.class,
                EncoderBenchCommand.class,
                LinkBenchCommand.class,
                TelemetryBenchCommand.class,
                BenchTrainCommand.class,
                BenchSolveCommand.class
        })
final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
