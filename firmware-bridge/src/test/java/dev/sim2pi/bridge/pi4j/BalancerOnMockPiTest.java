package dev.sim2pi.bridge.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;
import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import com.pi4j.plugin.mock.provider.pwm.MockPwm;
import dev.sim2pi.bridge.wiring.RobotHardware;
import dev.sim2pi.bridge.wiring.WiringReader;
import dev.sim2pi.models.tasks.BalancerTask;
import dev.sim2pi.models.time.SteppedClock;
import dev.sim2pi.models.testing.Allocations;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shipped balancer wiring assembled on Pi4J's mock platform, checked at register level. */
class BalancerOnMockPiTest {

    private static final int BIAS_LSB = 100;
    private final MockPi pi = new MockPi();
    private final Map<String, MockI2C> buses = new HashMap<>();
    private final SteppedClock clock = new SteppedClock();
    private final RobotHardware robot = RobotHardware.assemble(WiringReader.resource("balancer-pi.json"),
            new Pi4jDevices(pi.context(), false, WiringReader.resource("balancer-pi.json"), clock, spec -> {
                throw new AssertionError("no serial port in this wiring");
            }, spec -> {
                MockI2C i2c = pi.i2c(spec.bus(), spec.address());
                if (spec.name().equals("imu")) {
                    i2c.writeRegister(Mpu6050.WHO_AM_I, (byte) 0x68);
                    for (int i = 0; i < 200; i++) {
                        burst(i2c, 0, 0, 8192, 0, 0, BIAS_LSB, 0);
                    }
                }
                buses.put(spec.name(), i2c);
                return i2c;
            }, nanos -> clock.advanceNanos(nanos)));
    private final double[] sensors = new double[11];

    @AfterEach
    void close() {
        robot.close();
        pi.close();
    }

    private static void burst(MockI2C i2c, int... words) {
        byte[] b = new byte[14];
        for (int i = 0; i < 7; i++) {
            b[2 * i] = (byte) (words[i] >> 8);
            b[2 * i + 1] = (byte) words[i];
        }
        i2c.writeRegister(Mpu6050.ACCEL_XOUT_H, b, 0, 14);
    }

    private <T> T io(String id) {
        return pi.context().registry().get(id);
    }

    private void queueReading() {
        // Leaning forward: gravity shows on -x; pitching forward at 10 deg/s over the bias.
        burst(buses.get("imu"), -1000, 0, 8130, 0, 0, BIAS_LSB + 655, 0);
        buses.get("battery").writeRegister(0x00, new byte[] {0x4E, 0x20}, 0, 2);
    }

    @Test
    void startupCalibratesTheGyroWhileTheClockAdvances() {
        assertEquals(199 * 5_000_000L, clock.nanoTime(), "199 pauses of one 200 Hz sample period");
    }

    @Test
    void aReadingFillsTheTasksSensorLayoutInSiUnits() {
        MockDigitalInput a = io("left_encoder-a");
        MockDigitalInput b = io("left_encoder-b");
        for (int c = 0; c < 33; c++) {
            a.mockState(DigitalState.HIGH);
            b.mockState(DigitalState.HIGH);
            a.mockState(DigitalState.LOW);
            b.mockState(DigitalState.LOW);
        }
        queueReading();
        robot.setOperator(robot.operatorChannel("cmd_forward_speed"), 0.2);
        robot.read(sensors, 0);
        assertEquals(Math.toRadians(10), sensors[BalancerTask.GYRO_Y], 1e-12, "bias removed");
        assertEquals(0, sensors[BalancerTask.GYRO_X], 1e-12);
        assertEquals(-1000 / 8192.0 * 9.80665, sensors[BalancerTask.ACCEL_X], 1e-12);
        assertEquals(8130 / 8192.0 * 9.80665, sensors[BalancerTask.ACCEL_Z], 1e-12);
        assertEquals(132 * 2 * Math.PI / 1320, sensors[BalancerTask.ENCODER_LEFT], 1e-12);
        assertEquals(0, sensors[BalancerTask.ENCODER_RIGHT]);
        assertEquals(0x4E20 * 4.096 / 32768 * 3.0, sensors[BalancerTask.BATTERY_VOLTAGE], 1e-12);
        assertEquals(0.2, sensors[BalancerTask.SENSOR_CMD_FORWARD_SPEED]);
        assertEquals(0, sensors[BalancerTask.SENSOR_CMD_YAW_RATE]);
    }

    @Test
    void commandsDriveTheBridgesOnlyOnceArmedAndCloseLeavesThemSafe() {
        MockPwm left = io("left_motor-pwm");
        MockPwm right = io("right_motor-pwm");
        MockDigitalOutput leftIn1 = io("left_motor-in1");
        MockDigitalOutput rightIn1 = io("right_motor-in1");
        MockDigitalOutput standby = io("standby-26");
        robot.apply(new double[] {0.5, -0.25}, 0);
        assertFalse(left.isOn(), "motors start disarmed");
        assertTrue(standby.isLow());
        robot.enable();
        robot.apply(new double[] {0.5, -0.25}, 0);
        assertTrue(standby.isHigh());
        assertEquals(50, left.getDutyCycle());
        assertTrue(leftIn1.isHigh());
        assertEquals(25, right.getDutyCycle());
        assertTrue(rightIn1.isHigh(), "the right motor is mounted mirrored: -0.25 turns it 'forward'");
        robot.apply(new double[] {7, Double.NaN}, 0);
        assertEquals(100, left.getDutyCycle(), "clipped to the channel's bound");
        assertFalse(right.isOn(), "NaN coasts");
        robot.close();
        assertFalse(left.isOn());
        assertTrue(standby.isLow());
        assertTrue(leftIn1.isLow());
    }

    @Test
    void readingAllSensorsAndWritingBothMotorsAllocatesNothing() {
        int warmUp = 20_000;
        int iterations = 5_000;
        int tries = 4;
        queueReadings(warmUp);
        robot.enable();
        double[] command = new double[2];
        cycles(command, warmUp);
        // Every window reads exactly the readings queued (unmeasured) before it, so it can run as often
        // as the JIT needs to settle: a fixed budget of windows flaked under load (see Allocations).
        List<Long> windows = Allocations.untilZeroOnceJitSettles(() -> queueReadings(iterations),
                () -> cycles(command, iterations), tries);
        assertTrue(Allocations.endsAtZero(windows), "bytes allocated per window of " + iterations + " read + apply cycles: " + windows);
    }

    private void queueReadings(int n) {
        for (int i = 0; i < n; i++) {
            queueReading();
        }
    }

    private void cycles(double[] command, int n) {
        for (int i = 0; i < n; i++) {
            robot.read(sensors, 0);
            command[0] = 0.1 + (i % 50) * 0.01;
            command[1] = -command[0];
            robot.apply(command, 0);
            clock.advanceNanos(10_000_000L);
        }
    }
}
