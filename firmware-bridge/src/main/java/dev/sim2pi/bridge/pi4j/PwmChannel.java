package dev.sim2pi.bridge.pi4j;

/**
 * One PWM output, driven by a duty fraction in [0, 1] (never a percent: converting to a
 * chip's units is the implementation's job). Also serves as a digital line: 0 is low, 1 is high.
 */
public interface PwmChannel {

    /** Sets the duty, clipped to [0, 1]. Does not allocate. */
    void setDutyFraction(double dutyFraction);

    /** Drives the output high all the time. */
    default void fullOn() {
        setDutyFraction(1);
    }

    /** Drives the output low all the time. */
    default void fullOff() {
        setDutyFraction(0);
    }

    /** Smallest duty step this output can make, e.g. 1/4096 or 1/100. */
    double resolution();

    /** Where the output is, for messages: "PCA9685 bus 1 0x40 channel 3", "GPIO 18". */
    String describe();
}
