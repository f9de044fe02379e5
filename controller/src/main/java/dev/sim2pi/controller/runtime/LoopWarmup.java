package dev.sim2pi.controller.runtime;

import dev.sim2pi.bridge.sim.SimWorld;
import dev.sim2pi.bridge.wiring.RobotHardware;
import dev.sim2pi.bridge.wiring.Wiring;
import dev.sim2pi.controller.hardware.ScoredSimulation;
import dev.sim2pi.controller.loop.ControlLoop;
import dev.sim2pi.controller.loop.ControllerCommands;
import dev.sim2pi.controller.loop.PreparedPolicy;
import dev.sim2pi.controller.loop.Waiter;
import dev.sim2pi.controller.safety.SafetyConfig;
import dev.sim2pi.controller.safety.SafetyEvents;
import dev.sim2pi.controller.safety.SafetySupervisor;
import dev.sim2pi.controller.safety.TerminationChecks;
import dev.sim2pi.controller.safety.Watchdog;
import dev.sim2pi.models.time.Clock;
import dev.sim2pi.models.time.SteppedClock;

/**
 * Compiles the loop before it meets real time: runs the same loop code, with the same policy
 * runner and safety settings, against a throwaway simulation of the task, armed, then collects
 * the garbage start-up left. Without it the first second of a real run is interpreted code,
 * ONNX Runtime's first calls and class loading: overruns, and a watchdog that trips before the
 * robot ever balanced.
 *
 * <p>Most periods run on a stepped clock (fast); the last ones on the system clock with the real
 * waiter and a watchdog, at a short period. The JIT compiles what it has seen: a warm-up on the
 * stepped clock alone left {@code SimWorld.sync}, the supervisor's termination check and the
 * histograms compiled for the stepped clock, no termination check and zero durations, and the
 * first real periods deoptimized all of them (logged with {@code -Xlog:deoptimization=debug}).
 */
public final class LoopWarmup {

    /** Period and spin of the real-time part: short enough to be quick, long enough to park and to overrun now and then. */
    private static final long REAL_TIME_PERIOD_NANOS = 300_000;
    private static final long REAL_TIME_SPIN_NANOS = 100_000;

    private LoopWarmup() {
    }

    /**
     * Runs {@code iterations} periods (a quarter of them, at most 3,000, in real time) on a
     * simulated robot wired by {@code wiring}, with the run's safety settings {@code config}.
     */
    public static void run(Wiring wiring, PreparedPolicy policy, long periodNanos, int iterations, SafetyConfig config) {
        int realTime = Math.min(3_000, iterations / 4);
        SteppedClock stepped = new SteppedClock();
        once(wiring, policy, periodNanos, iterations - realTime, config, stepped, Waiter.stepping(stepped));
        Clock system = Clock.system();
        once(wiring, policy, REAL_TIME_PERIOD_NANOS, realTime, config, system,
                Waiter.parkThenSpin(system, REAL_TIME_SPIN_NANOS));
        // Collect start-up garbage (bundle checks, class loading, this warm-up) now, not in the
        // first seconds of real time: a young collection then stalled the loop by 30-140 ms.
        System.gc();
    }

    private static void once(Wiring wiring, PreparedPolicy policy, long periodNanos, int iterations, SafetyConfig config,
                             Clock clock, Waiter waiter) {
        if (iterations <= 0) {
            return;
        }
        ScoredSimulation sim = new ScoredSimulation(SimWorld.nominal(wiring.task().id(), clock, 0), wiring);
        RobotHardware robot = sim.assemble(wiring);
        try {
            SafetyEvents events = new SafetyEvents(64);
            SafetySupervisor safety = new SafetySupervisor(wiring.task(), config,
                    TerminationChecks.forTask(wiring.task(), periodNanos * 1e-9), events);
            // Never started: the loop feeds it and asks whether it tripped, as in a real run.
            Watchdog watchdog = new Watchdog(clock, periodNanos, config.watchdogPeriods(), robot::safe);
            ControlLoop loop = new ControlLoop(robot, policy, safety, events, watchdog, clock, waiter, periodNanos, null);
            new ControllerCommands(loop, 1e9 / periodNanos, false).arm();
            loop.run(clock.nanoTime() + periodNanos / 2, iterations);
        } finally {
            robot.close();
        }
    }
}
