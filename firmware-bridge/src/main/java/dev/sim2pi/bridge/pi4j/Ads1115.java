package dev.sim2pi.bridge.pi4j;

import com.pi4j.io.i2c.I2C;
import dev.sim2pi.bridge.device.BatteryMonitor;
import dev.sim2pi.bridge.device.DeviceException;

/**
 * Battery voltage through a TI ADS1115 16-bit ADC on I2C: one single-ended input in continuous
 * conversion, so a reading is one 2-byte register read with no waiting. The battery reaches the
 * input through a resistor divider; its ratio (battery volts per input volt) is calibration.
 */
public final class Ads1115 implements BatteryMonitor {

    static final int CONVERSION = 0x00;
    static final int CONFIG = 0x01;
    /** Full-scale ranges in volts by PGA code. */
    static final double[] FULL_SCALE_VOLTS = {6.144, 4.096, 2.048, 1.024, 0.512, 0.256};
    /** Data rates in samples per second by DR code. */
    static final int[] DATA_RATES_SPS = {8, 16, 32, 64, 128, 250, 475, 860};

    private final I2C i2c;
    private final String where;
    private final double voltsPerLsb;
    private final double dividerRatio;
    private final byte[] buf = new byte[2];

    /**
     * @param input          AIN0..AIN3, measured against GND
     * @param fullScaleVolts 6.144, 4.096, 2.048, 1.024, 0.512 or 0.256
     * @param dataRateSps    8, 16, 32, 64, 128, 250, 475 or 860
     * @param dividerRatio   battery volts per volt at the input, e.g. 3.0 for a 20k/10k divider
     */
    public Ads1115(I2C i2c, int bus, int address, int input, double fullScaleVolts, int dataRateSps, double dividerRatio) {
        this.i2c = i2c;
        this.where = String.format("ADS1115 bus %d 0x%02x AIN%d", bus, address, input);
        checkSettings(input, fullScaleVolts, dataRateSps, dividerRatio);
        int pga = indexOf(FULL_SCALE_VOLTS, fullScaleVolts, "full scale (V)");
        int dr = indexOf(DATA_RATES_SPS, dataRateSps, "data rate (SPS)");
        this.voltsPerLsb = FULL_SCALE_VOLTS[pga] / 32768.0;
        this.dividerRatio = dividerRatio;
        int config = configWord(input, pga, dr);
        buf[0] = (byte) (config >>> 8);
        buf[1] = (byte) config;
        try {
            i2c.writeRegister(CONFIG, buf, 0, 2);
        } catch (RuntimeException e) {
            throw new DeviceException(where + ": writing the config register failed - check wiring and address", e);
        }
    }

    /**
     * Checks settings without a device.
     *
     * @throws IllegalArgumentException naming the bad setting
     */
    public static void checkSettings(int input, double fullScaleVolts, int dataRateSps, double dividerRatio) {
        if (input < 0 || input > 3) {
            throw new IllegalArgumentException("ADS1115 input " + input + ": expected 0..3");
        }
        if (!(dividerRatio >= 1)) {
            throw new IllegalArgumentException("calibration.dividerRatio " + dividerRatio + ": expected >= 1 (battery volts per input volt)");
        }
        indexOf(FULL_SCALE_VOLTS, fullScaleVolts, "fullScaleVolts");
        indexOf(DATA_RATES_SPS, dataRateSps, "dataRateSps");
    }

    /**
     * The config register: MUX = single-ended {@code input}, PGA, continuous mode, data rate,
     * comparator disabled.
     */
    static int configWord(int input, int pgaCode, int dataRateCode) {
        int mux = 0b100 | input;
        return mux << 12 | pgaCode << 9 | dataRateCode << 5 | 0b11;
    }

    private static int indexOf(double[] allowed, double value, String what) {
        for (int i = 0; i < allowed.length; i++) {
            if (Math.abs(allowed[i] - value) < 1e-9) {
                return i;
            }
        }
        throw new IllegalArgumentException("ADS1115 " + what + " " + value + ": expected one of " + java.util.Arrays.toString(allowed));
    }

    private static int indexOf(int[] allowed, int value, String what) {
        for (int i = 0; i < allowed.length; i++) {
            if (allowed[i] == value) {
                return i;
            }
        }
        throw new IllegalArgumentException("ADS1115 " + what + " " + value + ": expected one of " + java.util.Arrays.toString(allowed));
    }

    @Override
    public double volts() {
        int n;
        try {
            n = i2c.readRegister(CONVERSION, buf, 0, 2);
        } catch (RuntimeException e) {
            throw new DeviceException(where + ": reading the conversion register failed", e);
        }
        if (n != 2) {
            throw new DeviceException(where + ": conversion read returned " + n + " of 2 bytes");
        }
        int raw = (short) ((buf[0] & 0xFF) << 8 | (buf[1] & 0xFF));
        return raw * voltsPerLsb * dividerRatio;
    }

    @Override
    public void close() {
        i2c.close();
    }
}
