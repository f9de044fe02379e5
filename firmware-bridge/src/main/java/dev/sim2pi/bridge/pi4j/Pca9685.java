package dev.sim2pi.bridge.pi4j;

import com.pi4j.io.i2c.I2C;
import dev.sim2pi.bridge.device.DeviceException;

/**
 * NXP PCA9685: 16 PWM channels with 12-bit resolution over I2C, one frequency for all channels.
 * Drives servos and motor PWM. Closing turns every channel off and puts the chip to sleep.
 */
public final class Pca9685 implements AutoCloseable {

    /** Internal oscillator frequency. */
    public static final double OSCILLATOR_HZ = 25_000_000.0;
    public static final int CHANNELS = 16;
    /** Counts per PWM period. */
    public static final int STEPS = 4096;

    static final int MODE1 = 0x00;
    static final int MODE2 = 0x01;
    static final int LED0_ON_L = 0x06;
    static final int ALL_LED_ON_L = 0xFA;
    static final int PRE_SCALE = 0xFE;
    static final int MODE1_SLEEP = 0x10;
    static final int MODE1_AUTO_INCREMENT = 0x20;
    static final int MODE2_TOTEM_POLE = 0x04;
    /** Bit 4 of the ON_H / OFF_H byte: the output is fully on / fully off. */
    static final int FULL = 0x10;

    private final I2C i2c;
    private final String where;
    private final int prescale;
    private final byte[] buf = new byte[4];
    private final int[] lastCounts = new int[CHANNELS];
    private boolean closed;

    /**
     * Initialises the chip for {@code frequencyHz} (24..1526 Hz): sleep, prescale, totem-pole
     * outputs, wake with register auto-increment, all channels off.
     */
    public Pca9685(I2C i2c, int bus, int address, double frequencyHz) {
        this.i2c = i2c;
        this.where = String.format("PCA9685 bus %d 0x%02x", bus, address);
        this.prescale = prescale(frequencyHz);
        java.util.Arrays.fill(lastCounts, -1);
        write(MODE1, MODE1_SLEEP);
        write(PRE_SCALE, prescale);
        write(MODE2, MODE2_TOTEM_POLE);
        write(MODE1, MODE1_AUTO_INCREMENT);
        allOff();
    }

    /**
     * The prescale register value for {@code frequencyHz}: round(25 MHz / (4096 f)) - 1.
     *
     * @throws IllegalArgumentException when the result is outside the chip's 3..255
     */
    public static int prescale(double frequencyHz) {
        long p = Math.round(OSCILLATOR_HZ / (STEPS * frequencyHz)) - 1;
        if (!(frequencyHz > 0) || p < 3 || p > 255) {
            throw new IllegalArgumentException("PCA9685 frequency " + frequencyHz
                    + " Hz is outside what it can make (about 24 to 1526 Hz)");
        }
        return (int) p;
    }

    public int prescale() {
        return prescale;
    }

    /** The frequency the chip really runs at, after prescale rounding. */
    public double actualFrequencyHz() {
        return OSCILLATOR_HZ / (STEPS * (prescale + 1.0));
    }

    /**
     * Sets channel {@code channel} to be on for {@code counts} of 4096 steps from the start of each
     * period; 0 is fully off and 4096 fully on. Skips the bus write when nothing changed.
     */
    public void setCounts(int channel, int counts) {
        int c = Math.max(0, Math.min(STEPS, counts));
        if (lastCounts[channel] == c) {
            return;
        }
        buf[0] = 0;
        buf[1] = (byte) (c >= STEPS ? FULL : 0);
        buf[2] = (byte) (c >= STEPS ? 0 : c);
        buf[3] = (byte) (c == 0 ? FULL : c >= STEPS ? 0 : c >>> 8);
        writeBlock(LED0_ON_L + 4 * channel);
        lastCounts[channel] = c;
    }

    /** Turns every channel fully off in one write. */
    public void allOff() {
        buf[0] = 0;
        buf[1] = 0;
        buf[2] = 0;
        buf[3] = FULL;
        writeBlock(ALL_LED_ON_L);
        java.util.Arrays.fill(lastCounts, 0);
    }

    /** A channel of this chip as a {@link PwmChannel}. */
    public PwmChannel channel(int channel) {
        if (channel < 0 || channel >= CHANNELS) {
            throw new IllegalArgumentException(where + ": channel " + channel + " is not 0..15");
        }
        return new PwmChannel() {
            @Override
            public void setDutyFraction(double dutyFraction) {
                double d = Double.isNaN(dutyFraction) ? 0 : Math.max(0, Math.min(1, dutyFraction));
                setCounts(channel, (int) Math.round(d * STEPS));
            }

            @Override
            public double resolution() {
                return 1.0 / STEPS;
            }

            @Override
            public String describe() {
                return where + " channel " + channel;
            }
        };
    }

    public String describe() {
        return where;
    }

    private void write(int register, int value) {
        try {
            i2c.writeRegister(register, (byte) value);
        } catch (RuntimeException e) {
            throw new DeviceException(where + ": write to register 0x" + Integer.toHexString(register) + " failed", e);
        }
    }

    private void writeBlock(int register) {
        try {
            i2c.writeRegister(register, buf, 0, 4);
        } catch (RuntimeException e) {
            throw new DeviceException(where + ": write to register 0x" + Integer.toHexString(register) + " failed", e);
        }
    }

    /** All channels off, then sleep (oscillator off). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            allOff();
            write(MODE1, MODE1_SLEEP);
        } finally {
            i2c.close();
        }
    }
}
