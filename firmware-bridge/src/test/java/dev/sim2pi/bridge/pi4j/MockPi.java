package dev.sim2pi.bridge.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmType;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;
import com.pi4j.plugin.mock.provider.pwm.MockPwm;
import com.pi4j.plugin.mock.provider.pwm.MockPwmProvider;
import java.util.ArrayList;
import java.util.List;

/** Pi4J's mock platform with only the mock providers: no board detection, no real hardware. */
public final class MockPi implements AutoCloseable {

    private final Context pi4j = Pi4J.newContextBuilder()
            .add(new MockPlatform())
            .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance(),
                    MockPwmProvider.newInstance(), MockI2CProvider.newInstance())
            .build();

    public Context context() {
        return pi4j;
    }

    public MockI2C i2c(int bus, int address) {
        return (MockI2C) pi4j.create(I2C.newConfigBuilder(pi4j).id("i2c-" + bus + "-" + address).bus(bus).device(address).build());
    }

    public MockPwm pwm(int gpio) {
        return (MockPwm) pi4j.create(Pwm.newConfigBuilder(pi4j).id("pwm-" + gpio).address(gpio).pwmType(PwmType.HARDWARE).build());
    }

    public MockDigitalOutput output(int gpio) {
        return (MockDigitalOutput) pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("out-" + gpio).address(gpio).build());
    }

    public MockDigitalInput input(int gpio) {
        return (MockDigitalInput) pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("in-" + gpio).address(gpio).build());
    }

    /** Pops every byte the driver wrote to {@code register} (the mock queues writes per register). */
    public static List<Integer> written(MockI2C i2c, int register) {
        List<Integer> out = new ArrayList<>();
        byte[] one = new byte[1];
        while (i2c.readRegister(register, one, 0, 1) == 1) {
            out.add(one[0] & 0xFF);
        }
        return out;
    }

    @Override
    public void close() {
        pi4j.shutdown();
    }
}
