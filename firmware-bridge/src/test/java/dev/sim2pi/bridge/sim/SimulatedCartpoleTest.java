package dev.sim2pi.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.bridge.wiring.RobotHardware;
import dev.sim2pi.bridge.wiring.WiringReader;
import dev.sim2pi.models.tasks.CartPoleTask;
import dev.sim2pi.models.time.SteppedClock;
import org.junit.jupiter.api.Test;

/** The cart-pole wiring (motor and encoders on a microcontroller) simulated behind the same devices. */
class SimulatedCartpoleTest {

    @Test
    void encodersReportThePlantsReadingAndVoltsDriveTheCart() {
        SteppedClock clock = new SteppedClock();
        SimWorld world = SimWorld.nominal(CartPoleTask.ID, clock, 3);
        double[] sensors = new double[2];
        try (RobotHardware robot = SimulatedDevices.robot(WiringReader.resource("cartpole-pi.json"), world)) {
            robot.enable();
            robot.read(sensors, 0);
            assertEquals(world.sensor(CartPoleTask.SENSOR_POLE_ANGLE), sensors[1], 1e-9, "the pole starts hanging");
            assertTrue(Math.abs(sensors[1] - Math.PI) < 0.3, "hanging: " + sensors[1]);
            for (int i = 0; i < 25; i++) {
                robot.apply(new double[] {6}, 0);
                clock.advanceSeconds(CartPoleTask.CONTROL_PERIOD_SECONDS);
                robot.read(sensors, 0);
            }
            assertEquals(6, world.action(CartPoleTask.MOTOR_VOLTAGE), 1e-12, "6 V became duty 0.5 and back to 6 V");
            assertEquals(world.sensor(CartPoleTask.SENSOR_CART_POSITION), sensors[0], 1e-9);
            assertTrue(sensors[0] > 0.01, "the cart moved right: " + sensors[0]);
        }
        assertEquals(0, world.action(CartPoleTask.MOTOR_VOLTAGE), "closing left the motor coasting");
    }
}
