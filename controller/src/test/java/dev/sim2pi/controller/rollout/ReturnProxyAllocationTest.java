package dev.sim2pi.controller.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.controller.loop.ControlLoop;
import dev.sim2pi.controller.loop.ControllerCommands;
import dev.sim2pi.controller.safety.State;
import dev.sim2pi.controller.testing.SimRig;
import dev.sim2pi.models.bundle.inference.PolicyRunner;
import dev.sim2pi.models.testing.Allocations;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The return proxy runs inside every period (estimator, reward, counters): the loop with it still allocates nothing. */
class ReturnProxyAllocationTest {

    @Test
    void theLoopWithTheReturnProxyAllocatesNothingAfterWarmUp() {
        SimRig rig = new SimRig(8);
        try (PolicyRunner runner = SimRig.shippedBalancer().javaRunner()) {
            ControlLoop loop = rig.loop(runner, null);
            ReturnProxy proxy = new ReturnProxy(loop.task());
            loop.observe(proxy);
            new ControllerCommands(loop, 100, true).arm();
            rig.run(40_000);
            List<Long> windows = Allocations.untilZeroOnceJitSettles(() -> rig.run(10_000), 5);
            assertEquals(State.RUNNING, rig.safety.state());
            ReturnProxy.Tally t = proxy.sinceSwap();
            assertTrue(t.rewardPeriods() >= 49_000 && t.meanReward() > 0.5, "the proxy scored the balancing: " + t);
            assertTrue(Allocations.endsAtZero(windows), "bytes allocated per window of 10,000 periods: " + windows);
        }
    }
}
