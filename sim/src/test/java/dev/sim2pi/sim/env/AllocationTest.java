package dev.sim2pi.sim.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.gym.MountainCarContinuousPlant;
import dev.sim2pi.sim.gym.PendulumPlant;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A warmed-up step allocates nothing, on the calling thread or on the workers. */
@Tag("allocation")
class AllocationTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    @Test
    void pendulumStepAllocatesNothingOnAnyThread() {
        assertStepAllocatesNothing(new PendulumPlant(), 512, 2);
    }

    @Test
    void mountainCarStepAllocatesNothingOnAnyThread() {
        assertStepAllocatesNothing(new MountainCarContinuousPlant(), 512, 2);
    }

    @Test
    void randomizedDelayedNoisyStepWithAutoResetsAllocatesNothing() {
        assertStepAllocatesNothing(new CartOnRail(0, 1, 3, 0, 1, 2, 0.05), 600, 2);
    }

    private static void assertStepAllocatesNothing(Plant plant, int envs, int threads) {
        assertTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled());
        double[] actions = new double[envs * plant.task().actions().size()];
        for (int i = 0; i < actions.length; i++) {
            actions[i] = (i % 7 - 3) * 0.4;
        }
        try (VectorEnv env = new VectorEnv(plant, envs, EnvOptions.defaults().withThreads(threads))) {
            env.reset(5);
            // Warm up until the JIT settles: compiling and deoptimizing allocate now and then early
            // on, so wait for three quiet windows (no bytes, no compilation) in a row.
            int quiet = 0;
            for (int window = 0; window < 100 && quiet < 3; window++) {
                long start = THREADS.getCurrentThreadAllocatedBytes();
                long compiling = JIT.getTotalCompilationTime();
                for (int t = 0; t < 500; t++) {
                    env.step(actions);
                }
                boolean still = THREADS.getCurrentThreadAllocatedBytes() == start
                        && JIT.getTotalCompilationTime() == compiling;
                quiet = still ? quiet + 1 : 0;
            }
            long[] workers = env.workerThreadIds();
            assertEquals(threads - 1, workers.length);
            // A step that allocated would make every window non-zero, so one clean window of 1000
            // steps proves the path allocation-free. Several tries, because the JVM itself may still
            // allocate on this thread when a late compile request resolves a class's String
            // constants (see models' test Allocations): that is the JIT's, not the step's.
            java.util.List<String> windows = new java.util.ArrayList<>();
            for (int attempt = 0; attempt < 10; attempt++) {
                long[] workersBefore = THREADS.getThreadAllocatedBytes(workers);
                long before = THREADS.getCurrentThreadAllocatedBytes();
                for (int t = 0; t < 1000; t++) {
                    env.step(actions);
                }
                long caller = THREADS.getCurrentThreadAllocatedBytes() - before;
                long[] workersAfter = THREADS.getThreadAllocatedBytes(workers);
                long onWorkers = 0;
                for (int w = 0; w < workers.length; w++) {
                    onWorkers += workersAfter[w] - workersBefore[w];
                }
                if (caller == 0 && onWorkers == 0) {
                    return;
                }
                windows.add("caller " + caller + " B, workers " + onWorkers + " B");
            }
            throw new AssertionError("every window of 1000 steps allocated: " + windows);
        }
    }
}
