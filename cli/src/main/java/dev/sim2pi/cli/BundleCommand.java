package dev.sim2pi.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Policy bundle tools: inspect, verify, sign, pack. */
@Command(name = "bundle", description = "Inspect, verify, sign and pack policy bundles (policy.onnx + policy.json).",
        subcommands = {
                BundleInspectCommand.class,
                BundleVerifyCommand.class,
                BundleEvaluateCommand.class,
                BundleKeygenCommand.class,
                BundleSignCommand.class,
                BundlePackCommand.class
        })
final class BundleCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
