package dev.sim2pi.controller.loop;

import dev.sim2pi.controller.command.CommandOutcome;
import dev.sim2pi.controller.command.CommandSink;
import dev.sim2pi.controller.safety.State;
import dev.sim2pi.models.bundle.PolicyBundle;
import java.util.Locale;

/**
 * The loop's side of the command channel: each request goes into the loop's {@link Mailbox}
 * without waiting for it, and the answer says what will happen at the next period boundary. A
 * bundle is checked (task, layouts, rate) and its runner opened here, on the caller's thread; the
 * running policy keeps running when it is refused.
 */
public final class ControllerCommands implements CommandSink {

    private final ControlLoop loop;
    private final double policyRateHz;
    private final boolean javaRunner;

    /**
     * @param policyRateHz control rate the running policy was trained at; a bundle must match it
     * @param javaRunner   open swapped-in bundles with the plain-Java runner instead of ONNX Runtime
     */
    public ControllerCommands(ControlLoop loop, double policyRateHz, boolean javaRunner) {
        this.loop = loop;
        this.policyRateHz = policyRateHz;
        this.javaRunner = javaRunner;
    }

    @Override
    public CommandOutcome arm() {
        if (loop.safety().publishedState() == State.FAULTED) {
            return CommandOutcome.refused("faulted (" + cause() + "): reset first");
        }
        loop.mailbox().post(Mailbox.ARM);
        return CommandOutcome.done("arming at the next period");
    }

    private String cause() {
        var c = loop.safety().faultCause();
        return c == null ? "unknown" : c.label();
    }

    @Override
    public CommandOutcome stop() {
        loop.mailbox().post(Mailbox.STOP);
        return CommandOutcome.done("stopping at the next period");
    }

    @Override
    public CommandOutcome emergencyStop() {
        loop.mailbox().post(Mailbox.EMERGENCY_STOP);
        return CommandOutcome.done("emergency stop at the next period; latched until reset");
    }

    @Override
    public CommandOutcome reset() {
        loop.mailbox().post(Mailbox.RESET);
        return CommandOutcome.done("resetting to idle at the next period");
    }

    @Override
    public CommandOutcome setOperatorInput(String channel, double value) {
        int index;
        try {
            index = loop.operatorChannel(channel);
        } catch (IllegalArgumentException e) {
            return CommandOutcome.refused(e.getMessage());
        }
        if (!Double.isFinite(value)) {
            return CommandOutcome.refused("operator input " + channel + " must be finite, got " + value);
        }
        var c = loop.task().sensors().get(index);
        double v = c.clamp(value);
        loop.mailbox().setOperator(index, v);
        return CommandOutcome.done(String.format(Locale.ROOT, "%s = %s from the next period%s", channel, v,
                v != value ? " (clamped to [" + c.low() + ", " + c.high() + "])" : ""));
    }

    @Override
    public CommandOutcome loadBundle(PolicyBundle bundle) {
        String problem = PolicyFit.problem(bundle.manifest(), loop.task(), policyRateHz);
        if (problem != null) {
            return CommandOutcome.refused(bundle.source() + ": " + problem + "; the running policy keeps running");
        }
        PreparedPolicy prepared;
        try {
            prepared = PreparedPolicy.open(bundle, javaRunner);
        } catch (RuntimeException e) {
            return CommandOutcome.refused(bundle.source() + ": cannot open its runner (" + e.getMessage()
                    + "); the running policy keeps running");
        }
        if (!loop.mailbox().offerPolicy(prepared)) {
            prepared.runner().close();
            return CommandOutcome.refused("another policy swap is under way; try again");
        }
        return CommandOutcome.done("policy " + prepared.id() + " swaps in at the next period boundary");
    }
}
