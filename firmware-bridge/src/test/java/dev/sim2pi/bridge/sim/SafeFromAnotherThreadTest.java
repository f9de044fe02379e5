package dev.sim2pi.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.bridge.wiring.RobotHardware;
import dev.sim2pi.bridge.wiring.Wiring;
import dev.sim2pi.bridge.wiring.WiringReader;
import dev.sim2pi.models.tasks.BalancerTask;
import dev.sim2pi.models.time.SteppedClock;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.Rng;
import org.junit.jupiter.api.Test;

/**
 * A watchdog or shutdown hook makes the simulated robot safe from its own thread while the loop
 * thread owns the plant: the other thread never steps the plant, the motors hold zero from that
 * instant, and the safe state holds against later commands until the robot is enabled again.
 */
class SafeFromAnotherThreadTest {

    private static final long PERIOD_NANOS = 10_000_000L;
    private final Wiring wiring = WiringReader.resource("balancer-pi.json");

    private static void onAnotherThread(Runnable r) throws InterruptedException {
        Thread t = new Thread(r, "test-watchdog");
        t.start();
        t.join();
    }

    @Test
    void safeFromAnotherThreadLeavesThePlantToItsOwnerAndZeroesTheMotorsFromThatInstant() throws Exception {
        SteppedClock clock = new SteppedClock();
        SimWorld world = SimWorld.nominal(BalancerTask.ID, clock, 7);
        try (RobotHardware robot = SimulatedDevices.robot(wiring, world)) {
            robot.enable();
            robot.apply(new double[] {0.4, 0.4}, 0);
            double[] driving = {world.action(BalancerTask.DUTY_LEFT), world.action(BalancerTask.DUTY_RIGHT)};
            clock.advanceNanos(3 * PERIOD_NANOS + PERIOD_NANOS / 2);
            long steps = world.steps();

            onAnotherThread(robot::safe);

            assertEquals(steps, world.steps(), "the other thread did not step the plant");
            assertEquals(0.0, world.action(BalancerTask.DUTY_LEFT), "the motors hold zero from the trip on");
            assertEquals(0.0, world.action(BalancerTask.DUTY_RIGHT));
            assertTrue(robot.safeLatched());

            clock.advanceNanos(2 * PERIOD_NANOS);
            world.sync();
            assertEquals(5, world.steps());
            assertArrayEquals(reference(world, driving), state(world), "the plant saw the zero from the instant it was asked for");
        }
    }

    @Test
    void theSafeStateHoldsAgainstLaterCommandsUntilTheRobotIsEnabledAgain() throws Exception {
        SteppedClock clock = new SteppedClock();
        SimWorld world = SimWorld.nominal(BalancerTask.ID, clock, 7);
        try (RobotHardware robot = SimulatedDevices.robot(wiring, world)) {
            robot.enable();
            robot.apply(new double[] {0.4, -0.4}, 0);
            assertEquals(0.4, world.action(BalancerTask.DUTY_LEFT), 1e-9);
            onAnotherThread(robot::safe);

            robot.apply(new double[] {0.5, -0.5}, 0);
            clock.advanceNanos(PERIOD_NANOS);
            robot.apply(new double[] {0.5, -0.5}, 0);
            assertEquals(0.0, world.action(BalancerTask.DUTY_LEFT), "a slow loop's late command does not undo the safe state");
            assertEquals(0.0, world.action(BalancerTask.DUTY_RIGHT));

            robot.enable();
            assertFalse(robot.safeLatched());
            robot.apply(new double[] {0.5, -0.5}, 0);
            assertEquals(0.5, world.action(BalancerTask.DUTY_LEFT), 1e-9, "enabled again, commands drive the motors");
        }
    }

    /** The same plant, seed and draws by hand: three periods with the old command, then two with zero. */
    private static double[] reference(SimWorld w, double[] driving) {
        Plant plant = w.plant();
        double[] p = w.parameters();
        Rng rng = new Rng(7);
        double[] s = new double[plant.simStateSize()];
        double[] reading = new double[plant.task().sensors().size()];
        plant.reset(rng, p, 0, s, 0);
        plant.sense(p, 0, s, 0, rng, reading, 0);
        for (int k = 0; k < 5; k++) {
            plant.step(p, 0, s, 0, k < 3 ? driving : new double[2], 0, rng);
        }
        return s;
    }

    private static double[] state(SimWorld w) {
        double[] s = new double[w.plant().simStateSize()];
        for (int i = 0; i < s.length; i++) {
            s[i] = w.state(i);
        }
        return s;
    }
}
