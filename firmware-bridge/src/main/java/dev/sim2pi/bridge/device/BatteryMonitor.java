package dev.sim2pi.bridge.device;

/** Measures the battery (motor supply) voltage. */
public interface BatteryMonitor extends AutoCloseable {

    /**
     * Battery voltage in volts, after the calibrated divider ratio.
     *
     * @throws DeviceException when the converter does not answer
     */
    double volts();

    @Override
    void close();
}
