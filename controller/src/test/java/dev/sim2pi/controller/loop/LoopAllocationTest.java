package dev.sim2pi.controller.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import dev.sim2pi.controller.safety.State;
import dev.sim2pi.controller.testing.SimRig;
import dev.sim2pi.models.bundle.inference.PolicyRunner;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Once warmed up, a period of the whole loop (read, observe, plain-Java inference, safety,
 * write, the simulated plant behind the devices) allocates nothing on the loop's thread.
 */
class LoopAllocationTest {

    private static final ThreadMXBean MX = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static byte[] sink;

    private static long allocated(Runnable r) {
        long before = MX.getCurrentThreadAllocatedBytes();
        r.run();
        return MX.getCurrentThreadAllocatedBytes() - before;
    }

    @Test
    void tenThousandPeriodsAllocateNothingAfterWarmUp() {
        assertTrue(MX.isThreadAllocatedMemorySupported() && MX.isThreadAllocatedMemoryEnabled(),
                "this JVM measures per-thread allocation");
        assertTrue(allocated(() -> sink = new byte[1000]) >= 1000, "the measurement sees an allocation");

        SimRig rig = new SimRig(8);
        try (PolicyRunner runner = SimRig.shippedBalancer().javaRunner()) {
            ControlLoop loop = rig.loop(runner, null);
            new ControllerCommands(loop, 100, true).arm();
            // Long enough for C2 to compile the loop and everything it calls (and settle).
            rig.run(40_000);
            // One clean window proves it (an allocating period would dirty every window); more than one
            // try because a late compile request makes the JVM allocate on this thread (see Allocations).
            java.util.List<Long> windows = dev.sim2pi.models.testing.Allocations.untilZeroOnceJitSettles(
                    () -> rig.run(10_000), 5);
            assertEquals(State.RUNNING, rig.safety.state(), "the robot stayed up: the measured periods drove it");
            assertTrue(loop.iterations() >= 50_000, "periods run: " + loop.iterations());
            assertTrue(dev.sim2pi.models.testing.Allocations.endsAtZero(windows),
                    "bytes allocated per window of 10,000 periods: " + windows);
        }
    }
}
