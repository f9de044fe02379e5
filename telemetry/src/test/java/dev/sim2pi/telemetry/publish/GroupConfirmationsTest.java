package dev.sim2pi.telemetry.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupConfirmationsTest {

    @Test
    void runsOfTwoRecordersJoinIntoOneConfirmedPrefix() {
        GroupConfirmations g = new GroupConfirmations();
        // Recorder A got batches 1 and 3, recorder B batches 0 and 2 (frames 0-49, 50-99, ...).
        g.confirmThrough(-1);
        g.addRuns(List.of(50L, 99L, 150L, 199L));
        assertEquals(-1, g.through(), "nothing from 0 yet");
        g.confirmThrough(49);
        assertEquals(99, g.through());
        g.addRuns(List.of(100L, 149L));
        assertEquals(199, g.through());
        g.addRuns(List.of(10L, 20L, 250L, 260L));
        assertEquals(199, g.through(), "old runs change nothing, a run past a hole waits");
        g.addRuns(List.of(200L, 249L));
        assertEquals(260, g.through());
    }

    @Test
    void memoryIsBoundedByForgettingTheHighestRuns() {
        GroupConfirmations g = new GroupConfirmations();
        for (long i = 0; i < 3 * GroupConfirmations.MAX_RUNS; i++) {
            g.addRuns(List.of(10 + 2 * i, 10 + 2 * i));
        }
        assertEquals(-1, g.through());
        g.addRuns(List.of(0L, 10L));
        // Runs 12, 14, ... stay separate (holes at 11, 13, ...): nothing more joins.
        assertEquals(10, g.through());
    }
}
