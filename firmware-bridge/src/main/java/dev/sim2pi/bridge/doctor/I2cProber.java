package dev.sim2pi.bridge.doctor;

/** Asks whether a device answers at an I2C address. */
@FunctionalInterface
public interface I2cProber {

    /**
     * @return null when the device answered, otherwise what went wrong
     */
    String probe(int bus, int address);
}
