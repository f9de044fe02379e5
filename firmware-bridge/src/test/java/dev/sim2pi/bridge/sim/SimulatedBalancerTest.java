package dev.sim2pi.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.bridge.wiring.RobotHardware;
import dev.sim2pi.bridge.wiring.Wiring;
import dev.sim2pi.bridge.wiring.WiringReader;
import dev.sim2pi.models.InputException;
import dev.sim2pi.models.task.ObservationBuilder;
import dev.sim2pi.models.tasks.BalancerTask;
import dev.sim2pi.models.time.SteppedClock;
import dev.sim2pi.sim.control.BalancerLqr;
import dev.sim2pi.sim.robots.BalancerParameters;
import dev.sim2pi.sim.robots.BalancerPlant;
import dev.sim2pi.models.testing.Allocations;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped balancer wiring on a simulated robot: the same {@link RobotHardware} the Pi runs,
 * with devices backed by the balancer plant and a stepped clock.
 */
class SimulatedBalancerTest {

    private static final long PERIOD_NANOS = 10_000_000L;
    private final Wiring wiring = WiringReader.resource("balancer-pi.json");
    private final BalancerTask task = new BalancerTask();

    @Test
    void anObservationDrivenLqrKeepsTheSimulatedRobotUpForSixtySeconds() {
        SteppedClock clock = new SteppedClock();
        BalancerPlant plant = new BalancerPlant();
        SimWorld world = SimWorld.nominal(plant, clock, 42);
        double[] p = world.parameters();
        ObservationLqr controller = new ObservationLqr(BalancerLqr.design(plant, p), p[BalancerParameters.WHEEL_RADIUS]);
        double startPitch = world.state(BalancerTask.PITCH);
        double maxPitch = 0;
        try (RobotHardware robot = SimulatedDevices.robot(wiring, world)) {
            robot.enable();
            ObservationBuilder obs = new ObservationBuilder(task, 1);
            double[] sensors = new double[task.sensors().size()];
            double[] action = new double[2];
            float[] o = new float[task.observationSize()];
            for (int step = 0; step < 6000; step++) {
                robot.read(sensors, 0);
                if (step == 0) {
                    obs.reset(0, sensors, 0);
                } else {
                    obs.push(0, sensors, 0, action, 0);
                }
                obs.write(0, o, 0);
                controller.act(o, action);
                robot.apply(action, 0);
                clock.advanceNanos(PERIOD_NANOS);
                double pitch = Math.abs(world.state(BalancerTask.PITCH));
                maxPitch = Math.max(maxPitch, pitch);
                assertTrue(pitch < BalancerTask.PITCH_LIMIT_RAD, "fell at step " + step + ", pitch " + pitch);
            }
            robot.read(sensors, 0);
        }
        assertEquals(6000, world.steps(), "60 simulated seconds at 100 Hz");
        assertTrue(Math.abs(world.state(BalancerTask.PITCH)) < 0.05, "settled upright: " + world.state(BalancerTask.PITCH));
        assertTrue(Math.abs(world.state(BalancerTask.POSITION)) < 0.5, "stayed near home: " + world.state(BalancerTask.POSITION));
        System.out.printf("closed loop: start pitch %.3f rad, max |pitch| %.3f rad, end position %.3f m%n",
                startPitch, maxPitch, world.state(BalancerTask.POSITION));
    }

    @Test
    void withoutControlTheSimulatedRobotFalls() {
        SteppedClock clock = new SteppedClock();
        SimWorld world = SimWorld.nominal(new BalancerPlant(), clock, 42);
        try (RobotHardware robot = SimulatedDevices.robot(wiring, world)) {
            robot.enable();
            double[] sensors = new double[task.sensors().size()];
            for (int step = 0; step < 300; step++) {
                robot.read(sensors, 0);
                robot.apply(new double[2], 0);
                clock.advanceNanos(PERIOD_NANOS);
            }
        }
        assertTrue(Math.abs(world.state(BalancerTask.PITCH)) > BalancerTask.PITCH_LIMIT_RAD,
                "upright is unstable: the control above is doing the work");
    }

    @Test
    void theRobotReadsWhatThePlantSensesThroughTheDevices() {
        SteppedClock clock = new SteppedClock();
        SimWorld world = SimWorld.nominal(new BalancerPlant(), clock, 7);
        try (RobotHardware robot = SimulatedDevices.robot(wiring, world)) {
            robot.enable();
            double[] sensors = new double[task.sensors().size()];
            robot.apply(new double[] {0.6, 0.6}, 0);
            for (int i = 0; i < 20; i++) {
                clock.advanceNanos(PERIOD_NANOS);
                robot.read(sensors, 0);
            }
            for (int i = 0; i < BalancerTask.SENSOR_CMD_FORWARD_SPEED; i++) {
                assertEquals(world.sensor(i), sensors[i], 1e-9, task.sensors().get(i).name());
            }
            assertEquals(0.6, world.action(BalancerTask.DUTY_LEFT), "the duty reached the plant");
            assertTrue(sensors[BalancerTask.ENCODER_LEFT] > 0.05, "the wheels turned: " + sensors[BalancerTask.ENCODER_LEFT]);
            double ticks = sensors[BalancerTask.ENCODER_LEFT] * 1320 / (2 * Math.PI);
            assertEquals(Math.rint(ticks), ticks, 1e-6, "encoders report whole ticks");
        }
        assertEquals(0, world.action(BalancerTask.DUTY_LEFT), "closing left the motors coasting");
    }

    @Test
    void timeOnlyPassesWithTheClock() {
        SteppedClock clock = new SteppedClock();
        SimWorld world = SimWorld.nominal(new BalancerPlant(), clock, 1);
        try (RobotHardware robot = SimulatedDevices.robot(wiring, world)) {
            double[] sensors = new double[task.sensors().size()];
            robot.read(sensors, 0);
            robot.read(sensors, 0);
            assertEquals(0, world.steps());
            clock.advanceNanos(3 * PERIOD_NANOS + 1);
            robot.read(sensors, 0);
            assertEquals(3, world.steps(), "one plant step per elapsed control period");
        }
    }

    @Test
    void readingAllSensorsAndWritingBothMotorsOnTheSimulatedRobotAllocatesNothing() {
        SteppedClock clock = new SteppedClock();
        SimWorld world = SimWorld.nominal(new BalancerPlant(), clock, 3);
        try (RobotHardware robot = SimulatedDevices.robot(wiring, world)) {
            robot.enable();
            double[] sensors = new double[task.sensors().size()];
            double[] action = {0.1, 0.1};
            cycles(robot, clock, sensors, action, 20_000);
            List<Long> windows = Allocations.untilZeroOnceJitSettles(() -> cycles(robot, clock, sensors, action, 5_000), 4);
            assertTrue(Allocations.endsAtZero(windows), "bytes allocated per window of 5000 cycles: " + windows);
        }
    }

    private static void cycles(RobotHardware robot, SteppedClock clock, double[] sensors, double[] action, int n) {
        for (int i = 0; i < n; i++) {
            robot.read(sensors, 0);
            action[0] = -action[0];
            action[1] = -action[1];
            robot.apply(action, 0);
            clock.advanceNanos(PERIOD_NANOS);
        }
    }

    @Test
    void randomizedRobotsAreReproducibleAndDifferFromNominal() {
        BalancerPlant plant = new BalancerPlant();
        SteppedClock clock = new SteppedClock();
        double[] nominal = SimWorld.nominal(plant, clock, 1).parameters();
        double[] a = SimWorld.randomized(plant, clock, 5).parameters();
        double[] b = SimWorld.randomized(plant, clock, 5).parameters();
        assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b), "same seed, same robot");
        assertTrue(a[BalancerParameters.BODY_MASS] != nominal[BalancerParameters.BODY_MASS]);
    }

    @Test
    void theRealityTwinRunsBehindTheSameWiringAndStaysUpUnderTheSameController(@TempDir Path dir) throws Exception {
        SteppedClock clock = new SteppedClock();
        Path twinFile = dir.resolve("twin.json");
        try (var in = BalancerPlant.class.getResourceAsStream("/dev/sim2pi/sim/twin/balancer-twin.json")) {
            Files.write(twinFile, in.readAllBytes());
        }
        SimWorld world = SimWorld.twin(BalancerTask.ID, twinFile, clock, 11);
        BalancerPlant plant = new BalancerPlant();
        double[] nominal = SimWorld.nominal(plant, clock, 1).parameters();
        ObservationLqr controller = new ObservationLqr(BalancerLqr.design(plant, nominal), nominal[BalancerParameters.WHEEL_RADIUS]);
        try (RobotHardware robot = SimulatedDevices.robot(wiring, world)) {
            robot.enable();
            ObservationBuilder obs = new ObservationBuilder(task, 1);
            double[] sensors = new double[task.sensors().size()];
            double[] action = new double[2];
            float[] o = new float[task.observationSize()];
            for (int step = 0; step < 1000; step++) {
                robot.read(sensors, 0);
                if (step == 0) {
                    obs.reset(0, sensors, 0);
                } else {
                    obs.push(0, sensors, 0, action, 0);
                }
                obs.write(0, o, 0);
                controller.act(o, action);
                robot.apply(action, 0);
                clock.advanceNanos(PERIOD_NANOS);
                assertTrue(Math.abs(world.state(BalancerTask.PITCH)) < BalancerTask.PITCH_LIMIT_RAD, "twin fell at step " + step);
            }
        }
        InputException e = assertThrows(InputException.class,
                () -> SimWorld.twin(BalancerTask.ID, dir.resolve("missing.json"), clock, 1));
        assertTrue(e.getMessage().contains("missing.json"), e.getMessage());
    }
}
