package dev.sim2pi.controller.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.controller.safety.State;
import dev.sim2pi.controller.testing.SimRig;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.bundle.inference.PolicyRunner;
import dev.sim2pi.models.tasks.BalancerTask;
import org.junit.jupiter.api.Test;

/** The shipped balancer bundle through the whole loop keeps the simulated robot up. */
class ShippedBalancerTest {

    @Test
    void theShippedBalancerKeepsTheSimulatedRobotUpThroughTheLoop() {
        PolicyBundle bundle = SimRig.shippedBalancer();
        SimRig rig = new SimRig(5);
        try (PolicyRunner runner = bundle.javaRunner()) {
            ControlLoop loop = rig.loop(runner, null);
            loop.mailbox().post(Mailbox.ARM);
            rig.run(3000);
            assertEquals(State.RUNNING, rig.safety.state(), "still running: " + rig.safety.faultCause());
            assertEquals(0, rig.sim.falls(), "falls");
            assertEquals(3000, loop.iterations());
            assertEquals(0, loop.overruns());
            assertTrue(Math.abs(rig.sim.world().state(BalancerTask.PITCH)) < 0.2, "upright");
            System.out.printf("30 s: return %.1f over %d plant steps%n", rig.sim.episodeReturn(), rig.sim.judgedSteps());
            assertTrue(rig.sim.episodeReturn() > 0.7 * 3000, "return " + rig.sim.episodeReturn());
        }
        rig.robot.close();
    }
}
