package dev.sim2pi.bridge.pi4j;

import com.pi4j.io.i2c.I2C;
import dev.sim2pi.bridge.device.DeviceException;
import dev.sim2pi.bridge.device.Imu;
import java.util.function.LongConsumer;

/**
 * InvenSense MPU-6050 at register level: wakes the chip on the gyro's PLL clock, sets gyro and
 * accelerometer ranges, the digital low-pass filter and the sample rate, and reads accelerometer,
 * temperature and gyro in one 14-byte burst from 0x3B so the three are from the same sample.
 * Gyro bias is measured at start with the robot still and subtracted from every reading.
 * Outputs are SI: rad/s, m/s^2, degrees Celsius. Not thread-safe; reads do not allocate.
 */
public final class Mpu6050 implements Imu {

    static final int SMPLRT_DIV = 0x19;
    static final int CONFIG = 0x1A;
    static final int GYRO_CONFIG = 0x1B;
    static final int ACCEL_CONFIG = 0x1C;
    static final int ACCEL_XOUT_H = 0x3B;
    static final int PWR_MGMT_1 = 0x6B;
    static final int WHO_AM_I = 0x75;
    /** PWR_MGMT_1: awake (SLEEP clear), clock from the X gyro's PLL (steadier than the 8 MHz RC). */
    static final int WAKE_PLL_X = 0x01;
    static final int SLEEP = 0x40;
    static final int WHO_AM_I_VALUE = 0x68;

    public static final double STANDARD_GRAVITY = 9.80665;
    /** Gyro full-scale ranges in deg/s, by FS_SEL. */
    static final int[] GYRO_RANGES_DPS = {250, 500, 1000, 2000};
    /** Gyro sensitivity in LSB per deg/s by FS_SEL, as the datasheet gives it (not 32768 / range). */
    static final double[] GYRO_LSB_PER_DPS = {131, 65.5, 32.8, 16.4};
    /** Accelerometer full-scale ranges in g, by AFS_SEL. */
    static final int[] ACCEL_RANGES_G = {2, 4, 8, 16};
    /** Low-pass bandwidths (accelerometer, Hz) by DLPF_CFG 0..6. */
    static final int[] DLPF_BANDWIDTHS_HZ = {260, 184, 94, 44, 21, 10, 5};

    /**
     * Chip settings.
     *
     * @param gyroRangeDps   250, 500, 1000 or 2000
     * @param accelRangeG    2, 4, 8 or 16
     * @param dlpfHz         260, 184, 94, 44, 21, 10 or 5 (260 turns the filter off)
     * @param sampleRateHz   output rate; the divider is rounded (gyro rate 8 kHz with the filter off, 1 kHz on)
     * @param axes           robot axis from chip axis, e.g. {"x", "-y", "z"}; null for identity
     */
    public record Settings(int gyroRangeDps, int accelRangeG, int dlpfHz, double sampleRateHz, String[] axes) {

        public int gyroFsSel() {
            return indexOf(GYRO_RANGES_DPS, gyroRangeDps, "gyro range (deg/s)");
        }

        public int accelAfsSel() {
            return indexOf(ACCEL_RANGES_G, accelRangeG, "accelerometer range (g)");
        }

        public int dlpfCfg() {
            return indexOf(DLPF_BANDWIDTHS_HZ, dlpfHz, "low-pass filter (Hz)");
        }

        /** SMPLRT_DIV: gyro output rate / (1 + divider) = sample rate. */
        public int sampleRateDivider() {
            double gyroRate = dlpfCfg() == 0 ? 8000 : 1000;
            long div = Math.round(gyroRate / sampleRateHz) - 1;
            if (!(sampleRateHz > 0) || div < 0 || div > 255) {
                throw new IllegalArgumentException("sample rate " + sampleRateHz + " Hz: expected "
                        + gyroRate / 256 + " to " + gyroRate + " Hz with this filter setting");
            }
            return (int) div;
        }

        /**
         * Resolves {@code axes} into chip axis index and sign per robot axis.
         *
         * @throws IllegalArgumentException naming the bad entry
         */
        public void resolveAxes(int[] index, double[] sign) {
            String[] a = axes == null ? new String[] {"x", "y", "z"} : axes;
            if (a.length != 3) {
                throw new IllegalArgumentException("axes: expected 3 entries like [\"x\", \"-y\", \"z\"]");
            }
            boolean[] used = new boolean[3];
            for (int i = 0; i < 3; i++) {
                String s = a[i].trim();
                String axis = s.replaceFirst("^[+-]", "");
                int idx = switch (axis) {
                    case "x" -> 0;
                    case "y" -> 1;
                    case "z" -> 2;
                    default -> throw new IllegalArgumentException("axes: '" + a[i] + "' is not x, y or z with an optional sign");
                };
                if (used[idx]) {
                    throw new IllegalArgumentException("axes: chip axis " + axis + " used twice");
                }
                used[idx] = true;
                index[i] = idx;
                sign[i] = s.startsWith("-") ? -1 : 1;
            }
        }

        /** Checks every setting. */
        public void validate() {
            gyroFsSel();
            accelAfsSel();
            sampleRateDivider();
            resolveAxes(new int[3], new double[3]);
        }

        private static int indexOf(int[] allowed, int value, String what) {
            for (int i = 0; i < allowed.length; i++) {
                if (allowed[i] == value) {
                    return i;
                }
            }
            throw new IllegalArgumentException(what + " " + value + ": expected one of " + java.util.Arrays.toString(allowed));
        }
    }

    private final I2C i2c;
    private final String where;
    private final double gyroRadPerLsb;
    private final double accelMps2PerLsb;
    private final int[] axisIndex = new int[3];
    private final double[] axisSign = new double[3];
    private final byte[] burst = new byte[14];
    private final double[] gyroBias = new double[3];
    private final double[] rawRates = new double[3];
    private final double[] rawAccel = new double[3];
    private double temperature;
    private boolean closed;

    /**
     * Checks WHO_AM_I, then writes the settings.
     *
     * @throws DeviceException when the chip does not answer or is not an MPU-6050
     */
    public Mpu6050(I2C i2c, int bus, int address, Settings settings) {
        this.i2c = i2c;
        this.where = String.format("MPU-6050 bus %d 0x%02x", bus, address);
        settings.resolveAxes(axisIndex, axisSign);
        int fsSel = settings.gyroFsSel();
        int afsSel = settings.accelAfsSel();
        int dlpf = settings.dlpfCfg();
        int div = settings.sampleRateDivider();
        this.gyroRadPerLsb = Math.PI / 180 / GYRO_LSB_PER_DPS[fsSel];
        this.accelMps2PerLsb = ACCEL_RANGES_G[afsSel] / 32768.0 * STANDARD_GRAVITY;

        int who = readByte(WHO_AM_I);
        if (who != WHO_AM_I_VALUE) {
            throw new DeviceException(String.format("%s: WHO_AM_I is 0x%02x, expected 0x%02x - is this an MPU-6050?",
                    where, who, WHO_AM_I_VALUE));
        }
        writeByte(PWR_MGMT_1, WAKE_PLL_X);
        writeByte(SMPLRT_DIV, div);
        writeByte(CONFIG, dlpf);
        writeByte(GYRO_CONFIG, fsSel << 3);
        writeByte(ACCEL_CONFIG, afsSel << 3);
    }

    /**
     * Averages {@code samples} gyro readings taken {@code intervalNanos} apart (paused by
     * {@code pause}) and subtracts the mean from every later reading. The robot must be still.
     *
     * @throws DeviceException when the rates vary by more than {@code maxStdRadPerSecond}: it moved
     */
    public void calibrateGyroBias(int samples, long intervalNanos, LongConsumer pause, double maxStdRadPerSecond) {
        java.util.Arrays.fill(gyroBias, 0);
        double[] sum = new double[3];
        double[] sumSq = new double[3];
        for (int s = 0; s < samples; s++) {
            if (s > 0) {
                pause.accept(intervalNanos);
            }
            sample();
            for (int k = 0; k < 3; k++) {
                sum[k] += rawRates[k];
                sumSq[k] += rawRates[k] * rawRates[k];
            }
        }
        for (int k = 0; k < 3; k++) {
            double mean = sum[k] / samples;
            double std = Math.sqrt(Math.max(0, sumSq[k] / samples - mean * mean));
            if (std > maxStdRadPerSecond) {
                throw new DeviceException(String.format("%s: gyro %s varied by %.3f rad/s during bias calibration"
                        + " (limit %.3f): keep the robot still at start", where, "xyz".charAt(k), std, maxStdRadPerSecond));
            }
            gyroBias[k] = mean;
        }
    }

    /** The measured gyro bias on chip axis {@code k}, rad/s. */
    public double gyroBias(int k) {
        return gyroBias[k];
    }

    private void sample() {
        int n;
        try {
            n = i2c.readRegister(ACCEL_XOUT_H, burst, 0, burst.length);
        } catch (RuntimeException e) {
            throw new DeviceException(where + ": burst read from 0x3B failed", e);
        }
        if (n != burst.length) {
            throw new DeviceException(where + ": burst read from 0x3B returned " + n + " of 14 bytes");
        }
        for (int k = 0; k < 3; k++) {
            rawAccel[k] = word(2 * k) * accelMps2PerLsb;
            rawRates[k] = word(8 + 2 * k) * gyroRadPerLsb;
        }
        temperature = word(6) / 340.0 + 36.53;
    }

    private int word(int offset) {
        return (short) ((burst[offset] & 0xFF) << 8 | (burst[offset + 1] & 0xFF));
    }

    @Override
    public void read(double[] rates, int ratesOffset, double[] accel, int accelOffset) {
        sample();
        for (int i = 0; i < 3; i++) {
            int k = axisIndex[i];
            rates[ratesOffset + i] = axisSign[i] * (rawRates[k] - gyroBias[k]);
            accel[accelOffset + i] = axisSign[i] * rawAccel[k];
        }
    }

    @Override
    public double temperatureCelsius() {
        return temperature;
    }

    public String describe() {
        return where;
    }

    private int readByte(int register) {
        try {
            return i2c.readRegister(register) & 0xFF;
        } catch (RuntimeException e) {
            throw new DeviceException(where + ": no answer reading register 0x" + Integer.toHexString(register)
                    + " - check wiring and address", e);
        }
    }

    private void writeByte(int register, int value) {
        try {
            i2c.writeRegister(register, (byte) value);
        } catch (RuntimeException e) {
            throw new DeviceException(where + ": write to register 0x" + Integer.toHexString(register) + " failed", e);
        }
    }

    /** Puts the chip to sleep and releases the bus handle. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writeByte(PWR_MGMT_1, SLEEP);
        } catch (DeviceException ignored) {
            // Closing must release the handle even when the chip stopped answering.
        } finally {
            i2c.close();
        }
    }
}
