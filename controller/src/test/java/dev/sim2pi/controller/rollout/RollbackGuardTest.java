package dev.sim2pi.controller.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.controller.command.CommandOutcome;
import dev.sim2pi.controller.command.LoadRequest;
import dev.sim2pi.controller.command.Refusal;
import dev.sim2pi.controller.loop.ControlLoop;
import dev.sim2pi.controller.loop.ControllerCommands;
import dev.sim2pi.controller.loop.PreparedPolicy;
import dev.sim2pi.controller.loop.Waiter;
import dev.sim2pi.controller.safety.State;
import dev.sim2pi.controller.testing.SimRig;
import dev.sim2pi.models.bundle.PolicyBundle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Releases on the simulated balancer with a stepped clock: the guard is polled every two periods
 * (as the event thread would, every 20 ms), so every decision falls on the same period each run.
 */
class RollbackGuardTest {

    private static final long WINDOW_NANOS = 5_000_000_000L;

    @TempDir
    Path tmp;

    private final SimRig rig = new SimRig(3);
    private final PreparedPolicy shipped = PreparedPolicy.open(Candidates.SHIPPED, true);
    private final ControlLoop loop = new ControlLoop(rig.robot, shipped, rig.safety, rig.events, null, rig.clock,
            Waiter.stepping(rig.clock), SimRig.PERIOD_NANOS, null);
    private final ReturnProxy proxy = new ReturnProxy(loop.task());
    private final RollbackGuard guard;
    private final GuardedCommands commands;
    private final List<String> acks = new ArrayList<>();
    private final List<String> events = new ArrayList<>();

    RollbackGuardTest() {
        rig.loop = loop;
        loop.observe(proxy);
        guard = new RollbackGuard(loop, proxy, shipped, RollbackConfig.defaults(100).withWindowNanos(WINDOW_NANOS),
                rig.clock);
        guard.acknowledgeWith((id, accepted, message, reason) -> acks.add(id + " " + reason + " " + message));
        guard.notifyWith((kind, message) -> events.add(kind + " " + message));
        commands = new GuardedCommands(new ControllerCommands(loop, 100, true), guard);
    }

    /** Runs {@code periods} periods, polling the guard every two. */
    private void run(int periods) {
        for (int i = 0; i < periods; i += 2) {
            rig.run(2);
            guard.poll();
        }
    }

    private CommandOutcome load(PolicyBundle b, String id, boolean force) {
        return commands.loadBundle(b, new LoadRequest(id, force));
    }

    @Test
    void aOneWheelCandidateIsRolledBackWithinItsProbationAndNotLoadedAgain() {
        commands.arm();
        run(600); // 6 s on the shipped policy: the baseline
        assertEquals(State.RUNNING, rig.safety.state(), "the shipped policy balances");
        PolicyBundle bad = Candidates.oneWheel(tmp.resolve("bad"), 2, null);
        CommandOutcome o = load(bad, "load-bad", false);
        assertTrue(o.accepted(), o.detail());
        long swapAt = rig.clock.nanoTime();
        int periods = 0;
        while (acks.isEmpty() && periods < 1000) {
            run(2);
            periods += 2;
        }
        assertEquals(1, acks.size(), "one verdict: " + acks);
        assertTrue(acks.getFirst().startsWith("load-bad rolled_back "), acks.getFirst());
        assertTrue(rig.clock.nanoTime() - swapAt < WINDOW_NANOS, "rolled back within the probation");
        run(2);
        assertEquals(shipped.id(), loop.policyId(), "the shipped policy runs again");
        assertEquals(0, loop.overruns());
        RolloutState s = guard.state();
        assertEquals(1, s.rollbacks());
        assertEquals(List.of(bad.manifest().onnxSha256()), s.refusedCandidates());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("policy_rolled_back")), events.toString());
        // Kept safe: rolled back before it fell, the restored policy balances on (the referee's true state says so).
        run(300);
        assertEquals(State.RUNNING, rig.safety.state());
        assertEquals(0, rig.sim.falls(), "no fall");

        CommandOutcome again = load(bad, "load-bad-again", false);
        assertFalse(again.accepted());
        assertEquals(Refusal.ROLLED_BACK_BEFORE, again.reason(), again.detail());
    }

    @Test
    void aGoodCandidateIsKeptAfterItsProbationAndSwapsWithoutAnOverrun() {
        commands.arm();
        run(300);
        PolicyBundle v2 = Candidates.good(tmp.resolve("v2"), 2, 7, null);
        CommandOutcome o = load(v2, "load-v2", false);
        assertTrue(o.accepted(), o.detail());
        run(2);
        assertTrue(loop.policyId().startsWith("balancer@" + v2.manifest().onnxSha256().substring(0, 12)));
        assertNotNull(guard.state().probation());
        run(480);
        assertEquals(List.of(), acks, "no verdict before the probation ends");
        run(40);
        assertEquals(1, acks.size(), acks.toString());
        assertTrue(acks.getFirst().startsWith("load-v2 kept "), acks.getFirst());
        assertEquals(2, guard.state().running().version());
        assertEquals(0, loop.overruns());
        assertEquals(State.RUNNING, rig.safety.state());
    }

    @Test
    void anOlderOrSameVersionBundleIsRefusedUnlessForced() {
        commands.arm();
        run(10);
        PolicyBundle v3 = Candidates.good(tmp.resolve("v3"), 3, 5, null);
        assertTrue(load(v3, "v3", false).accepted());
        run(4);
        PolicyBundle v2 = Candidates.good(tmp.resolve("v2"), 2, 6, null);
        PolicyBundle v3b = Candidates.good(tmp.resolve("v3b"), 3, 8, null);
        // On probation: refused whatever its version.
        assertEquals(Refusal.ON_PROBATION, load(v2, "v2", false).reason());
        run(520);
        assertEquals(Refusal.OLDER_VERSION, load(v2, "v2", false).reason());
        CommandOutcome same = load(v3b, "v3b", false);
        assertEquals(Refusal.OLDER_VERSION, same.reason());
        assertTrue(same.detail().contains("another model"), same.detail());
        assertEquals(Refusal.ALREADY_RUNNING, load(v3, "v3-again", true).reason());
        CommandOutcome forced = load(v2, "v2-forced", true);
        assertTrue(forced.accepted(), forced.detail());
        run(2);
        assertTrue(loop.policyId().startsWith("balancer@" + v2.manifest().onnxSha256().substring(0, 12)));
    }
}
