package dev.sim2pi.bridge.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import dev.sim2pi.models.time.SteppedClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QuadratureEncoderTest {

    private final MockPi pi = new MockPi();
    private final MockDigitalInput a = pi.input(17);
    private final MockDigitalInput b = pi.input(27);
    private final SteppedClock clock = new SteppedClock();
    private final QuadratureEncoder encoder = new QuadratureEncoder(a, b, clock, 1320, false, 10_000_000L);

    @AfterEach
    void close() {
        encoder.close();
        pi.close();
    }

    /** Drives whole quadrature cycles (4 edges each); A leads B when forward. */
    private void turn(int cycles) {
        int[][] forward = {{1, 0}, {1, 1}, {0, 1}, {0, 0}};
        for (int c = 0; c < Math.abs(cycles); c++) {
            for (int k = 0; k < 4; k++) {
                int[] s = forward[cycles > 0 ? k : (2 - k + 4) % 4];
                a.mockState(s[0] == 1 ? DigitalState.HIGH : DigitalState.LOW);
                b.mockState(s[1] == 1 ? DigitalState.HIGH : DigitalState.LOW);
            }
        }
    }

    @Test
    void countsFourTicksPerCycleSignedByDirection() {
        turn(10);
        assertEquals(40, encoder.ticks());
        turn(-3);
        assertEquals(28, encoder.ticks());
        assertEquals(0, encoder.errors());
    }

    @Test
    void aFullRevolutionIsTwoPiRadians() {
        turn(330);
        assertEquals(2 * Math.PI, encoder.angleRadians(), 1e-12);
    }

    @Test
    void aSkippedStateIsCountedAsAnErrorNotGuessed() {
        turn(2);
        // Both channels changed between two events (00 -> 11): an edge was lost.
        encoder.edge(3);
        assertEquals(8, encoder.ticks());
        assertEquals(1, encoder.errors());
        encoder.edge(1);
        assertEquals(9, encoder.ticks(), "counting resumes from the state seen");
    }

    @Test
    void rateIsTicksOverTheElapsedWindow() {
        encoder.ticksPerSecond();
        clock.advanceNanos(20_000_000L);
        turn(5);
        assertEquals(20 / 0.02, encoder.ticksPerSecond(), 1e-9);
        clock.advanceNanos(5_000_000L);
        turn(5);
        assertEquals(1000, encoder.ticksPerSecond(), 1e-9, "kept until the window has passed");
        clock.advanceNanos(5_000_000L);
        assertEquals(20 / 0.01, encoder.ticksPerSecond(), 1e-9);
        assertEquals(2000 * 2 * Math.PI / 1320, encoder.angularVelocityRadPerSecond(), 1e-9);
    }
}
