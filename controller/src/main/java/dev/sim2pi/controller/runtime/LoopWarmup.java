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
import dev.sim2pi.models.time.SteppedClock;

/**
 * Compiles the loop before it meets real time: runs the same loop code, with the same policy
 * runner, against a throwaway simulation of the task on a stepped clock, armed, for a number of
 * periods, then collects the garbage start-up left. Without it the first second of a real run is interpreted code, ONNX Runtime's first
 * calls and class loading: overruns, and a watchdog that trips before the robot ever balanced.
 */
public final class LoopWarmup {

    private LoopWarmup() {
    }

    /** Runs {@code iterations} periods of {@code periodNanos} on a simulated robot wired by {@code wiring}. */
    public static void run(Wiring wiring, PreparedPolicy policy, long periodNanos, int iterations) {
        SteppedClock clock = new SteppedClock();
        ScoredSimulation sim = new ScoredSimulation(SimWorld.nominal(wiring.task().id(), clock, 0), wiring);
        RobotHardware robot = sim.assemble(wiring);
        try {
            SafetyEvents events = new SafetyEvents(64);
            SafetyConfig config = SafetyConfig.defaults(periodNanos * 1e-9, wiring.task().controlPeriodSeconds())
                    .withTerminationCheck(false);
            SafetySupervisor safety = new SafetySupervisor(wiring.task(), config,
                    TerminationChecks.forTask(wiring.task(), periodNanos * 1e-9), events);
            ControlLoop loop = new ControlLoop(robot, policy, safety, events, null, clock, Waiter.stepping(clock),
                    periodNanos, null);
            new ControllerCommands(loop, 1e9 / periodNanos, false).arm();
            loop.run(periodNanos / 2, iterations);
        } finally {
            robot.close();
        }
        // Collect start-up garbage (bundle checks, class loading, this warm-up) now, not in the
        // first seconds of real time: a young collection then stalled the loop by 30-140 ms.
        System.gc();
    }
}
