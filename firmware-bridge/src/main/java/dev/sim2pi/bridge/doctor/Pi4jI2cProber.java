package dev.sim2pi.bridge.doctor;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;

/** Probes by reading one byte through Pi4J: a device that does not acknowledge its address fails. */
public final class Pi4jI2cProber implements I2cProber {

    private final Context pi4j;

    public Pi4jI2cProber(Context pi4j) {
        this.pi4j = pi4j;
    }

    @Override
    public String probe(int bus, int address) {
        String id = String.format("doctor-probe-%d-%02x", bus, address);
        try (I2C i2c = pi4j.create(I2C.newConfigBuilder(pi4j).id(id).bus(bus).device(address).build())) {
            int b = i2c.read();
            return b < 0 ? "no answer" : null;
        } catch (Exception e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }
}
