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

    @Test
    void settlingARangeCostsPerGapAndCountsOnlyWhatWasOpen() {
        SequenceTracker t = new SequenceTracker();
        t.accept(0);
        t.accept(10);
        t.accept(20);
        assertEquals(18, t.missing());
        assertEquals(11, t.settle(5, 17), "5..9 and 11..16 were open");
        assertEquals(7, t.missing(), "1..4 and 17..19");
        assertEquals(0, t.contiguousThrough());
        assertTrue(t.seen(7));
        assertFalse(t.seen(3));
        assertEquals(7 + 79, t.settleBelow(100), "1..4 and 17..19 open below 20, then 21..99 new");
        assertEquals(0, t.missing());
        assertEquals(99, t.contiguousThrough());
        assertEquals(Long.MAX_VALUE / 2 - 100, t.settle(100, Long.MAX_VALUE / 2), "a huge range is one step");
        assertTrue(t.seen(12345678901L));
    }

    @Test
    void storedRunsAboveTheContiguousPrefixArePairsLowestFirst() {
        SequenceTracker t = new SequenceTracker();
        for (long s : new long[] {0, 1, 2, 5, 6, 9, 12, 13}) {
            t.accept(s);
        }
        assertEquals(2, t.contiguousThrough());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {5, 6, 9, 9, 12, 13}, t.storedRunsAbove(10));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {5, 6}, t.storedRunsAbove(1));
        SequenceTracker fresh = new SequenceTracker();
        fresh.accept(3);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {3, 3}, fresh.storedRunsAbove(4), "a late joiner");
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[0], new SequenceTracker().storedRunsAbove(4));
    }
}
