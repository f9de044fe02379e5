package dev.sim2pi.bridge.pi4j;

import com.pi4j.io.gpio.digital.DigitalOutput;

/** A digital output: a GPIO pin or a PWM channel held fully on or off (motor HATs wire it so). */
public interface DigitalLine {

    void set(boolean high);

    String describe();

    /** A Pi GPIO output. */
    static DigitalLine of(DigitalOutput output) {
        return new DigitalLine() {
            @Override
            public void set(boolean high) {
                if (high) {
                    output.high();
                } else {
                    output.low();
                }
            }

            @Override
            public String describe() {
                return "GPIO " + output.address();
            }
        };
    }

    /** A PWM channel used as a digital line. */
    static DigitalLine of(PwmChannel channel) {
        return new DigitalLine() {
            @Override
            public void set(boolean high) {
                if (high) {
                    channel.fullOn();
                } else {
                    channel.fullOff();
                }
            }

            @Override
            public String describe() {
                return channel.describe();
            }
        };
    }
}
