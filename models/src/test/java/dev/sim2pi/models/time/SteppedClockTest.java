package dev.sim2pi.models.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SteppedClockTest {

    @Test
    void timeMovesOnlyWhenAdvanced() {
        SteppedClock clock = new SteppedClock(5);
        assertEquals(5, clock.nanoTime());
        assertEquals(5, clock.nanoTime());
        clock.advanceNanos(10);
        clock.advanceSeconds(0.002);
        assertEquals(2_000_015, clock.nanoTime());
    }

    @Test
    void goingBackIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SteppedClock().advanceNanos(-1));
    }

    @Test
    void systemClockIsMonotonic() {
        Clock c = Clock.system();
        long a = c.nanoTime();
        assertTrue(c.nanoTime() >= a);
    }
}
