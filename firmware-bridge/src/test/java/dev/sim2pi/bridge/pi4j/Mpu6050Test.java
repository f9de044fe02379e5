package dev.sim2pi.bridge.pi4j;

import static dev.sim2pi.bridge.pi4j.MockPi.written;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import dev.sim2pi.bridge.device.DeviceException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Mpu6050Test {

    private final MockPi pi = new MockPi();

    @AfterEach
    void close() {
        pi.close();
    }

    private static final Mpu6050.Settings SETTINGS = new Mpu6050.Settings(500, 4, 44, 200, null);

    private Mpu6050 imu(MockI2C i2c, Mpu6050.Settings settings) {
        i2c.writeRegister(Mpu6050.WHO_AM_I, (byte) 0x68);
        return new Mpu6050(i2c, 1, 0x68, settings);
    }

    /** Queues one burst: accel x, y, z, temperature, gyro x, y, z as big-endian words. */
    private static void burst(MockI2C i2c, int... words) {
        byte[] b = new byte[14];
        for (int i = 0; i < 7; i++) {
            b[2 * i] = (byte) (words[i] >> 8);
            b[2 * i + 1] = (byte) words[i];
        }
        i2c.writeRegister(Mpu6050.ACCEL_XOUT_H, b, 0, 14);
    }

    @Test
    void initialisationWakesAndWritesRangesFilterAndRate() {
        MockI2C i2c = pi.i2c(1, 0x68);
        imu(i2c, SETTINGS);
        assertEquals(List.of(0x01), written(i2c, Mpu6050.PWR_MGMT_1), "awake on the X gyro PLL");
        assertEquals(List.of(4), written(i2c, Mpu6050.SMPLRT_DIV), "1 kHz / (1 + 4) = 200 Hz");
        assertEquals(List.of(3), written(i2c, Mpu6050.CONFIG), "DLPF_CFG 3 = 44 Hz");
        assertEquals(List.of(1 << 3), written(i2c, Mpu6050.GYRO_CONFIG), "FS_SEL 1 = 500 deg/s");
        assertEquals(List.of(1 << 3), written(i2c, Mpu6050.ACCEL_CONFIG), "AFS_SEL 1 = 4 g");
    }

    @Test
    void filterOffRunsTheGyroAtEightKilohertz() {
        assertEquals(39, new Mpu6050.Settings(2000, 16, 260, 200, null).sampleRateDivider());
        assertThrows(IllegalArgumentException.class, () -> new Mpu6050.Settings(300, 4, 44, 200, null).gyroFsSel());
    }

    @Test
    void aKnownBurstScalesToSiUnits() {
        MockI2C i2c = pi.i2c(1, 0x68);
        Mpu6050 imu = imu(i2c, SETTINGS);
        // 8192 LSB/g at 4 g: 8192 = 1 g on z. 65.5 LSB/(deg/s) at 500 deg/s: 6550 = 100 deg/s on x.
        burst(i2c, 0, -4096, 8192, 340 * 10 - 12410, 6550, -655, 0);
        double[] rates = new double[3];
        double[] accel = new double[3];
        imu.read(rates, 0, accel, 0);
        assertEquals(0, accel[0], 1e-12);
        assertEquals(-0.5 * 9.80665, accel[1], 1e-9);
        assertEquals(9.80665, accel[2], 1e-9);
        assertEquals(Math.toRadians(100), rates[0], 1e-12);
        assertEquals(Math.toRadians(-10), rates[1], 1e-12);
        assertEquals(0, rates[2], 1e-12);
        assertEquals((340 * 10 - 12410) / 340.0 + 36.53, imu.temperatureCelsius(), 1e-9);
    }

    @Test
    void gyroBiasMeasuredAtStartIsSubtracted() {
        MockI2C i2c = pi.i2c(1, 0x68);
        Mpu6050 imu = imu(i2c, SETTINGS);
        for (int i = 0; i < 50; i++) {
            burst(i2c, 0, 0, 8192, 0, 131 + (i % 2), -66, 20);
        }
        List<Long> pauses = new ArrayList<>();
        imu.calibrateGyroBias(50, 5_000_000L, pauses::add, 0.05);
        assertEquals(49, pauses.size(), "one pause between consecutive samples");
        assertEquals(131.5 / 65.5 * Math.PI / 180, imu.gyroBias(0), 1e-9);
        burst(i2c, 0, 0, 8192, 0, 131 + 655, -66, 20);
        double[] rates = new double[3];
        imu.read(rates, 0, new double[3], 0);
        assertEquals(Math.toRadians(10) - 0.5 / 65.5 * Math.PI / 180, rates[0], 1e-9);
        assertEquals(0, rates[1], 1e-12);
        assertEquals(0, rates[2], 1e-12);
    }

    @Test
    void movingDuringCalibrationIsRefused() {
        MockI2C i2c = pi.i2c(1, 0x68);
        Mpu6050 imu = imu(i2c, SETTINGS);
        for (int i = 0; i < 10; i++) {
            burst(i2c, 0, 0, 8192, 0, i % 2 == 0 ? 3000 : -3000, 0, 0);
        }
        DeviceException e = assertThrows(DeviceException.class, () -> imu.calibrateGyroBias(10, 0, n -> { }, 0.05));
        assertTrue(e.getMessage().contains("keep the robot still"), e.getMessage());
    }

    @Test
    void axesAreRemappedForMounting() {
        MockI2C i2c = pi.i2c(1, 0x68);
        Mpu6050 imu = imu(i2c, new Mpu6050.Settings(500, 4, 44, 200, new String[] {"y", "-x", "z"}));
        burst(i2c, 100, 200, 300, 0, 655, 1310, 0);
        double[] rates = new double[3];
        double[] accel = new double[3];
        imu.read(rates, 0, accel, 0);
        assertEquals(200 / 8192.0 * 9.80665, accel[0], 1e-9);
        assertEquals(-100 / 8192.0 * 9.80665, accel[1], 1e-9);
        assertEquals(Math.toRadians(20), rates[0], 1e-12);
        assertEquals(Math.toRadians(-10), rates[1], 1e-12);
    }

    @Test
    void aChipThatIsNotAnMpu6050IsNamed() {
        MockI2C i2c = pi.i2c(1, 0x68);
        i2c.writeRegister(Mpu6050.WHO_AM_I, (byte) 0x70);
        DeviceException e = assertThrows(DeviceException.class, () -> new Mpu6050(i2c, 1, 0x68, SETTINGS));
        assertTrue(e.getMessage().contains("bus 1 0x68") && e.getMessage().contains("0x70"), e.getMessage());
    }

    @Test
    void aShortBurstIsAnErrorNamingTheDevice() {
        MockI2C i2c = pi.i2c(1, 0x68);
        Mpu6050 imu = imu(i2c, SETTINGS);
        i2c.writeRegister(Mpu6050.ACCEL_XOUT_H, new byte[5], 0, 5);
        DeviceException e = assertThrows(DeviceException.class, () -> imu.read(new double[3], 0, new double[3], 0));
        assertTrue(e.getMessage().contains("5 of 14"), e.getMessage());
    }

    @Test
    void closePutsTheChipToSleep() {
        MockI2C i2c = pi.i2c(1, 0x68);
        Mpu6050 imu = imu(i2c, SETTINGS);
        written(i2c, Mpu6050.PWR_MGMT_1);
        imu.close();
        assertEquals(List.of(0x40), written(i2c, Mpu6050.PWR_MGMT_1));
    }
}
