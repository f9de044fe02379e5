package dev.sim2pi.bridge.pi4j;

import static dev.sim2pi.bridge.pi4j.MockPi.written;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;
import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import com.pi4j.plugin.mock.provider.pwm.MockPwm;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HBridgeMotorTest {

    private final MockPi pi = new MockPi();
    private final MockPwm pwm = pi.pwm(18);
    private final MockDigitalOutput in1 = pi.output(5);
    private final MockDigitalOutput in2 = pi.output(6);
    private final MockDigitalOutput standby = pi.output(26);
    private final HBridgeMotor motor = HBridgeMotor.pwmAndDirection("left", new HardwarePwm(pwm, 20_000),
            DigitalLine.of(in1), DigitalLine.of(in2), DigitalLine.of(standby), false);

    @AfterEach
    void close() {
        pi.close();
    }

    @Test
    void startsDisabledAndIgnoresCommandsUntilEnabled() {
        motor.setDuty(0.7);
        assertFalse(pwm.isOn());
        assertTrue(standby.isLow());
        motor.enable(true);
        assertTrue(standby.isHigh());
        motor.setDuty(0.7);
        assertTrue(pwm.isOn());
        assertEquals(70, pwm.getDutyCycle());
        assertEquals(20_000, pwm.getFrequency());
    }

    @Test
    void signSetsTheDirectionPinsAndMagnitudeTheDutyPercent() {
        motor.enable(true);
        motor.setDuty(0.504);
        assertTrue(in1.isHigh());
        assertTrue(in2.isLow());
        assertEquals(50, pwm.getDutyCycle(), "Pi4J gets whole percents");
        motor.setDuty(-0.25);
        assertTrue(in1.isLow());
        assertTrue(in2.isHigh());
        assertEquals(25, pwm.getDutyCycle());
        motor.setDuty(-3);
        assertEquals(100, pwm.getDutyCycle());
        assertEquals(-1, motor.dutyFraction());
    }

    @Test
    void brakeShortsAndCoastOpensTheBridge() {
        motor.enable(true);
        motor.setDuty(0.5);
        motor.brake();
        assertTrue(in1.isHigh() && in2.isHigh() && pwm.isOn());
        motor.coast();
        assertTrue(in1.isLow() && in2.isLow());
        assertFalse(pwm.isOn());
        motor.setDuty(Double.NaN);
        assertFalse(pwm.isOn());
    }

    @Test
    void closeLeavesItCoastingInStandbyAndDeaf() {
        motor.enable(true);
        motor.setDuty(1);
        motor.close();
        assertFalse(pwm.isOn());
        assertTrue(in1.isLow() && in2.isLow() && standby.isLow());
        motor.enable(true);
        motor.setDuty(1);
        assertFalse(pwm.isOn(), "a closed motor stays safe");
    }

    @Test
    void twoPwmInputsDriveOneSideAtATimeOnAPca9685() {
        MockI2C i2c = pi.i2c(1, 0x40);
        Pca9685 chip = new Pca9685(i2c, 1, 0x40, 1000);
        HBridgeMotor drv = HBridgeMotor.twoPwm("right", chip.channel(0), chip.channel(1), true);
        written(i2c, 0x06);
        written(i2c, 0x0A);
        drv.enable(true);
        written(i2c, 0x06);
        written(i2c, 0x0A);
        drv.setDuty(0.25);
        // inverted: +0.25 drives IN2 at 1024 counts with IN1 low.
        assertEquals(List.of(0, 0, 0, 4), written(i2c, 0x0A));
        drv.brake();
        assertEquals(List.of(0, 0x10, 0, 0), written(i2c, 0x06));
        assertEquals(List.of(0, 0x10, 0, 0), written(i2c, 0x0A));
        drv.close();
        assertEquals(List.of(0, 0, 0, 0x10), written(i2c, 0x06));
        assertEquals(List.of(0, 0, 0, 0x10), written(i2c, 0x0A));
    }

    @Test
    void hardwarePwmRoundsToWholePercents() {
        assertEquals(0, HardwarePwm.percent(0.004));
        assertEquals(1, HardwarePwm.percent(0.005));
        assertEquals(100, HardwarePwm.percent(7));
        assertEquals(0, HardwarePwm.percent(Double.NaN));
    }
}
