package dev.sim2pi.controller.rollout;

import dev.sim2pi.controller.command.CommandOutcome;
import dev.sim2pi.controller.command.CommandSink;
import dev.sim2pi.controller.command.LoadRequest;
import dev.sim2pi.models.bundle.PolicyBundle;
import java.util.Locale;

/**
 * The controller's commands with its release history in front of bundle loads: the
 * {@link RollbackGuard} admits a bundle (anti-rollback, refused candidates, probation) before the
 * loop's own checks (task, layouts, rate) and swap, and watches it once it runs. Everything else
 * passes straight through.
 */
public final class GuardedCommands implements CommandSink {

    private final CommandSink loop;
    private final RollbackGuard guard;

    public GuardedCommands(CommandSink loop, RollbackGuard guard) {
        this.loop = loop;
        this.guard = guard;
    }

    @Override
    public CommandOutcome arm() {
        return loop.arm();
    }

    @Override
    public CommandOutcome stop() {
        return loop.stop();
    }

    @Override
    public CommandOutcome emergencyStop() {
        return loop.emergencyStop();
    }

    @Override
    public CommandOutcome reset() {
        return loop.reset();
    }

    @Override
    public CommandOutcome setOperatorInput(String channel, double value) {
        return loop.setOperatorInput(channel, value);
    }

    /** A load without a command (from this process): not forced, verdicts acknowledged under an empty id. */
    @Override
    public CommandOutcome loadBundle(PolicyBundle bundle) {
        return loadBundle(bundle, new LoadRequest("", false));
    }

    @Override
    public CommandOutcome loadBundle(PolicyBundle bundle, LoadRequest request) {
        Release candidate = Release.of(bundle);
        // One admission at a time: the guard's lock is held until the loop has the prepared policy.
        synchronized (guard) {
            CommandOutcome refusal = guard.admit(candidate, request.force());
            if (refusal != null) {
                return new CommandOutcome(false, bundle.source() + ": " + refusal.detail()
                        + "; the running policy keeps running", refusal.reason());
            }
            CommandOutcome o = loop.loadBundle(bundle, request);
            if (!o.accepted()) {
                return o;
            }
            guard.offered(bundle, candidate, request.commandId());
            long window = guard.config().windowNanos();
            return CommandOutcome.done(o.detail() + (window > 0 ? String.format(Locale.ROOT,
                    "; on probation for %.1f s, the previous bundle kept for a rollback", window * 1e-9) : ""));
        }
    }
}
