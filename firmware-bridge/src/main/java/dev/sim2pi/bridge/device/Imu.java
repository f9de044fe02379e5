package dev.sim2pi.bridge.device;

/**
 * An inertial measurement unit: angular rate and specific force along the device's (or, after
 * remapping, the robot's) x, y, z axes.
 */
public interface Imu extends AutoCloseable {

    /**
     * Takes one sample and writes angular rate (rad/s) x, y, z at {@code rates[ratesOffset..+2]}
     * and acceleration (m/s^2) x, y, z at {@code accel[accelOffset..+2]}. Does not allocate.
     *
     * @throws DeviceException when the device does not answer
     */
    void read(double[] rates, int ratesOffset, double[] accel, int accelOffset);

    /** Die temperature in degrees Celsius from the last {@link #read}. */
    double temperatureCelsius();

    @Override
    void close();
}
