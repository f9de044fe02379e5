package dev.sim2pi.telemetry.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SequenceTrackerTest {

    @Test
    void duplicatesAreRejectedAndLateArrivalsFillGaps() {
        SequenceTracker t = new SequenceTracker();
        assertTrue(t.accept(0));
        assertTrue(t.accept(1));
        assertFalse(t.accept(1));
        assertTrue(t.accept(5));
        assertEquals(3, t.missing());
        assertEquals(1, t.gaps());
        assertTrue(t.accept(3));
        assertFalse(t.accept(3));
        assertEquals(2, t.missing());
        assertEquals(2, t.gaps());
        assertTrue(t.accept(2));
        assertTrue(t.accept(4));
        assertEquals(0, t.missing());
        assertFalse(t.accept(0));
    }
}
