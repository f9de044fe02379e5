package dev.sim2pi.controller.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.controller.command.CommandOutcome;
import dev.sim2pi.controller.safety.EventKind;
import dev.sim2pi.controller.safety.State;
import dev.sim2pi.controller.testing.ScriptedRunner;
import dev.sim2pi.controller.testing.SimRig;
import dev.sim2pi.models.bundle.BundleLoader;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.tasks.BalancerTask;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Loading a bundle while the loop runs: checked off the loop, swapped at a period boundary, or refused. */
class PolicySwapTest {

    private final SimRig rig = new SimRig(6);
    private final ScriptedRunner first = new ScriptedRunner(rig.robot.task().observationSize(), 2);
    private final ControlLoop loop = rig.loop(first, null);
    private final ControllerCommands commands = new ControllerCommands(loop, 100, true);

    @Test
    void aFittingBundleSwapsInAtThePeriodBoundaryWithoutAnOverrun() {
        first.command = 0.05f;
        commands.arm();
        rig.run(5);
        long callsBefore = first.calls;
        CommandOutcome outcome = commands.loadBundle(SimRig.shippedBalancer());
        assertTrue(outcome.accepted(), outcome.detail());
        assertEquals("test", loop.policyId(), "nothing changes until the next period starts");
        assertTrue(loop.mailbox().swapPending());
        rig.run(1);
        assertTrue(loop.policyId().startsWith("balancer@"), loop.policyId());
        assertEquals(callsBefore, first.calls, "the new policy ran the very first period after the swap");
        assertNotEquals(0.05, rig.plantAction(BalancerTask.DUTY_LEFT), 1e-6);
        assertEquals(1, loop.events().count(EventKind.POLICY_SWAPPED));
        assertEquals(0, loop.overruns());
        assertEquals(State.RUNNING, rig.safety.state(), "the swap does not interrupt running");
        PreparedPolicy retired = loop.mailbox().takeRetired();
        assertSame(first, retired.runner(), "the old runner is handed back for closing off the loop");
    }

    @Test
    void aBundleForAnotherTaskIsRefusedAndTheRunningPolicyKeepsRunning() {
        first.command = 0.05f;
        commands.arm();
        rig.run(5);
        PolicyBundle cartpole = BundleLoader.create().allowingUnsigned().acceptingAnySigner()
                .load(Path.of("..", "models", "policies", "cartpole"));
        CommandOutcome outcome = commands.loadBundle(cartpole);
        assertFalse(outcome.accepted());
        assertTrue(outcome.detail().contains("task cartpole") && outcome.detail().contains("keeps running"), outcome.detail());
        rig.run(3);
        assertEquals("test", loop.policyId());
        assertEquals(0.05, rig.plantAction(BalancerTask.DUTY_LEFT), 1e-6, "still driven by the running policy");
        assertFalse(loop.mailbox().swapPending());
    }

    @Test
    void aBundleTrainedAtAnotherRateIsRefused() {
        ControllerCommands at200 = new ControllerCommands(loop, 200, true);
        CommandOutcome outcome = at200.loadBundle(SimRig.shippedBalancer());
        assertFalse(outcome.accepted());
        assertTrue(outcome.detail().contains("trained at 100.0"), outcome.detail());
    }
}
