package dev.sim2pi.controller.command;

import dev.sim2pi.models.bundle.PolicyBundle;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link CommandSink} that records what it was asked and agrees to everything. */
final class RecordingSink implements CommandSink {

    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<PolicyBundle> bundles = new CopyOnWriteArrayList<>();

    @Override
    public CommandOutcome arm() {
        calls.add("arm");
        return CommandOutcome.done("armed");
    }

    @Override
    public CommandOutcome stop() {
        calls.add("stop");
        return CommandOutcome.done("stopped");
    }

    @Override
    public CommandOutcome emergencyStop() {
        calls.add("estop");
        return CommandOutcome.done("e-stopped");
    }

    @Override
    public CommandOutcome reset() {
        calls.add("reset");
        return CommandOutcome.done("idle");
    }

    @Override
    public CommandOutcome setOperatorInput(String channel, double value) {
        calls.add("set " + channel + "=" + value);
        return CommandOutcome.done("set");
    }

    @Override
    public CommandOutcome loadBundle(PolicyBundle bundle) {
        calls.add("load");
        bundles.add(bundle);
        return CommandOutcome.done("swapped at the next period");
    }
}
