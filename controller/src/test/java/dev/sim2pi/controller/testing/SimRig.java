package dev.sim2pi.controller.testing;

import dev.sim2pi.bridge.sim.SimWorld;
import dev.sim2pi.bridge.wiring.RobotHardware;
import dev.sim2pi.bridge.wiring.Wiring;
import dev.sim2pi.bridge.wiring.WiringReader;
import dev.sim2pi.controller.hardware.ScoredSimulation;
import dev.sim2pi.controller.loop.ControlLoop;
import dev.sim2pi.controller.loop.PreparedPolicy;
import dev.sim2pi.controller.loop.Waiter;
import dev.sim2pi.controller.safety.SafetyConfig;
import dev.sim2pi.controller.safety.SafetyEvents;
import dev.sim2pi.controller.safety.SafetySupervisor;
import dev.sim2pi.controller.safety.TerminationChecks;
import dev.sim2pi.controller.safety.Watchdog;
import dev.sim2pi.models.bundle.BundleLoader;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.bundle.inference.PolicyRunner;
import dev.sim2pi.models.tasks.BalancerTask;
import dev.sim2pi.models.time.SteppedClock;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The simulated balancer on a stepped clock with a loop around it: what most controller tests
 * start from. The loop's grid sits half a plant period after the plant's steps, as on a robot
 * whose sensor updates and loop are not in phase.
 */
public final class SimRig {

    public static final long PERIOD_NANOS = 10_000_000L;
    public final SteppedClock clock = new SteppedClock();
    public final Wiring wiring = WiringReader.resource("balancer-pi.json");
    public final ScoredSimulation sim;
    public final RobotHardware robot;
    public final SafetyEvents events = new SafetyEvents(1024);
    public final SafetySupervisor safety;
    public ControlLoop loop;

    public final FaultyImu faults;

    public SimRig(long seed, SafetyConfig config) {
        sim = new ScoredSimulation(SimWorld.nominal(BalancerTask.ID, clock, seed), wiring);
        faults = new FaultyImu(sim);
        robot = sim.attach(RobotHardware.assemble(wiring, faults));
        safety = new SafetySupervisor(robot.task(), config,
                TerminationChecks.forTask(robot.task(), PERIOD_NANOS * 1e-9), events);
    }

    public SimRig(long seed) {
        this(seed, SafetyConfig.defaults(0.01, 0.01));
    }

    /** The loop around {@code runner}, with {@code watchdog} (may be null), no telemetry. */
    public ControlLoop loop(PolicyRunner runner, Watchdog watchdog) {
        loop = new ControlLoop(robot, new PreparedPolicy("test", runner, null), safety, events, watchdog, clock,
                Waiter.stepping(clock), PERIOD_NANOS, null);
        return loop;
    }

    /** Runs {@code n} periods continuing the grid (first call starts it half a plant period in). */
    public void run(long n) {
        loop.run(loop.iterations() == 0 ? PERIOD_NANOS / 2 : loop.nextStartNanos(), n);
    }

    /** The duty the plant holds on action channel {@code i} (what the motors really do). */
    public double plantAction(int i) {
        return sim.world().action(i);
    }

    public static PolicyBundle shippedBalancer() {
        Path dir = Path.of(System.getProperty("sim2pi.home", "..")).resolve("models/policies/balancer");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("..", "models", "policies", "balancer");
        }
        return BundleLoader.create().allowingUnsigned().acceptingAnySigner().load(dir);
    }
}
