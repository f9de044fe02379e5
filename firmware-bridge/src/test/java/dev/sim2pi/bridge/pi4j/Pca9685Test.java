package dev.sim2pi.bridge.pi4j;

import static dev.sim2pi.bridge.pi4j.MockPi.written;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Pca9685Test {

    private final MockPi pi = new MockPi();

    @AfterEach
    void close() {
        pi.close();
    }

    @Test
    void prescaleFollowsTheDatasheetFormula() {
        assertEquals(121, Pca9685.prescale(50));
        assertEquals(5, Pca9685.prescale(1000));
        assertEquals(3, Pca9685.prescale(1526));
        assertEquals(253, Pca9685.prescale(24));
        assertEquals(255, Pca9685.prescale(23.84));
        assertThrows(IllegalArgumentException.class, () -> Pca9685.prescale(20_000));
        assertThrows(IllegalArgumentException.class, () -> Pca9685.prescale(10));
    }

    @Test
    void initialisationSleepsSetsPrescaleAndWakesWithAllChannelsOff() {
        MockI2C i2c = pi.i2c(1, 0x40);
        Pca9685 chip = new Pca9685(i2c, 1, 0x40, 50);
        assertEquals(List.of(0x10, 0x20), written(i2c, Pca9685.MODE1), "sleep, then wake with auto-increment");
        assertEquals(List.of(121), written(i2c, Pca9685.PRE_SCALE));
        assertEquals(List.of(0x04), written(i2c, Pca9685.MODE2));
        assertEquals(List.of(0, 0, 0, 0x10), written(i2c, Pca9685.ALL_LED_ON_L));
        assertEquals(50.0, chip.actualFrequencyHz(), 0.1);
    }

    @Test
    void oneKilohertzWritesPrescaleFive() {
        MockI2C i2c = pi.i2c(1, 0x41);
        new Pca9685(i2c, 1, 0x41, 1000);
        assertEquals(List.of(5), written(i2c, Pca9685.PRE_SCALE));
    }

    @Test
    void channelDutyIsTwelveBitCountsInOneBlockWrite() {
        MockI2C i2c = pi.i2c(1, 0x40);
        Pca9685 chip = new Pca9685(i2c, 1, 0x40, 1000);
        chip.channel(3).setDutyFraction(0.5);
        assertEquals(List.of(0, 0, 0x00, 0x08), written(i2c, 0x06 + 4 * 3), "2048 counts");
        chip.channel(15).setDutyFraction(1);
        assertEquals(List.of(0, 0x10, 0, 0), written(i2c, 0x06 + 4 * 15), "full on");
        chip.channel(15).setDutyFraction(0);
        assertEquals(List.of(0, 0, 0, 0x10), written(i2c, 0x06 + 4 * 15), "full off");
        chip.channel(0).setDutyFraction(1.0 / 4096);
        assertEquals(List.of(0, 0, 1, 0), written(i2c, 0x06));
        chip.channel(0).setDutyFraction(1.0 / 4096);
        assertEquals(List.of(), written(i2c, 0x06), "unchanged duty is not rewritten");
    }

    @Test
    void closeTurnsEveryChannelOffAndSleeps() {
        MockI2C i2c = pi.i2c(1, 0x40);
        Pca9685 chip = new Pca9685(i2c, 1, 0x40, 50);
        written(i2c, Pca9685.MODE1);
        written(i2c, Pca9685.ALL_LED_ON_L);
        chip.channel(2).setDutyFraction(0.3);
        chip.close();
        assertEquals(List.of(0, 0, 0, 0x10), written(i2c, Pca9685.ALL_LED_ON_L));
        assertEquals(List.of(0x10), written(i2c, Pca9685.MODE1));
    }

    @Test
    void servoPulseWidthBecomesCountsAtFiftyHertz() {
        MockI2C i2c = pi.i2c(1, 0x40);
        Pca9685 chip = new Pca9685(i2c, 1, 0x40, 50);
        PwmServo servo = new PwmServo(chip.channel(1), chip.actualFrequencyHz(), 1000, 2000, -Math.PI / 2, Math.PI / 2);
        written(i2c, 0x0A);
        servo.setAngleRadians(0);
        // 1500 us of a 20.0 ms (actual 49.9 Hz) period: round(1500 / 20040.96 * 4096) = 307.
        int counts = (int) Math.round(1500 / (1e6 / chip.actualFrequencyHz()) * 4096);
        assertEquals(List.of(0, 0, counts & 0xFF, counts >> 8), written(i2c, 0x0A));
        assertEquals(1500, servo.pulseWidthMicros(), 1e-9);
        servo.setPulseWidthMicros(5000);
        assertEquals(2000, servo.pulseWidthMicros(), 1e-9, "clipped to calibration");
        servo.close();
        assertEquals(0, servo.pulseWidthMicros());
        List<Integer> last = written(i2c, 0x0A);
        assertEquals(List.of(0, 0, 0, 0x10), last.subList(last.size() - 4, last.size()), "no pulse after close");
    }
}
