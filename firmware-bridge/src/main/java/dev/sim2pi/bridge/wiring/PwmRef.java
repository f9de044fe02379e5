package dev.sim2pi.bridge.wiring;

/**
 * Where a PWM (or digital) signal comes from: a Pi GPIO pin (hardware PWM for PWM use) or a
 * channel of a PCA9685 named in the same wiring file.
 *
 * @param gpio        BCM pin number, or -1 when on a PCA9685
 * @param frequencyHz PWM frequency for a GPIO pin (0 for a plain digital line or a PCA9685 channel)
 * @param pca9685     name of the PCA9685 device, or null
 * @param channel     PCA9685 channel 0..15, or -1
 */
public record PwmRef(int gpio, int frequencyHz, String pca9685, int channel) {

    public boolean onGpio() {
        return pca9685 == null;
    }

    @Override
    public String toString() {
        return onGpio() ? "GPIO " + gpio : pca9685 + " channel " + channel;
    }
}
