package dev.sim2pi.bridge.pi4j;

import static dev.sim2pi.bridge.pi4j.MockPi.written;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import dev.sim2pi.bridge.device.DeviceException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Ads1115Test {

    private final MockPi pi = new MockPi();

    @AfterEach
    void close() {
        pi.close();
    }

    @Test
    void configSelectsInputRangeContinuousModeAndRate() {
        MockI2C i2c = pi.i2c(1, 0x48);
        new Ads1115(i2c, 1, 0x48, 0, 4.096, 128, 3.0);
        // MUX 100 (AIN0), PGA 001 (4.096 V), MODE 0 (continuous), DR 100 (128 SPS), comparator off.
        assertEquals(List.of(0x42, 0x83), written(i2c, Ads1115.CONFIG));
        assertEquals(0x7283, Ads1115.configWord(3, 1, 4), "AIN3");
    }

    @Test
    void conversionScalesByRangeAndDividerRatio() {
        MockI2C i2c = pi.i2c(1, 0x48);
        Ads1115 adc = new Ads1115(i2c, 1, 0x48, 1, 4.096, 860, 3.0);
        i2c.writeRegister(Ads1115.CONVERSION, new byte[] {0x40, 0x00}, 0, 2);
        assertEquals(2.048 * 3.0, adc.volts(), 1e-12);
        i2c.writeRegister(Ads1115.CONVERSION, new byte[] {(byte) 0xFF, (byte) 0xFF}, 0, 2);
        assertEquals(-4.096 / 32768 * 3.0, adc.volts(), 1e-12);
    }

    @Test
    void noAnswerIsAnErrorNamingTheDevice() {
        MockI2C i2c = pi.i2c(1, 0x49);
        Ads1115 adc = new Ads1115(i2c, 1, 0x49, 2, 6.144, 128, 4.0);
        DeviceException e = assertThrows(DeviceException.class, adc::volts);
        assertTrue(e.getMessage().contains("ADS1115 bus 1 0x49 AIN2"), e.getMessage());
    }

    @Test
    void unsupportedSettingsAreRefused() {
        MockI2C i2c = pi.i2c(1, 0x48);
        assertThrows(IllegalArgumentException.class, () -> new Ads1115(i2c, 1, 0x48, 0, 5.0, 128, 3));
        assertThrows(IllegalArgumentException.class, () -> new Ads1115(i2c, 1, 0x48, 0, 4.096, 128, 0.5));
    }
}
