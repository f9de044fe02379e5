package dev.sim2pi.controller.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.controller.testing.ScriptedRunner;
import dev.sim2pi.controller.testing.SimRig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loop's time grid, on a stepped clock: no test here waits for real time. */
class ControlLoopTimingTest {

    private static final long P = SimRig.PERIOD_NANOS;

    @Test
    void periodsStartOnTheGrid() {
        SimRig rig = new SimRig(1);
        ScriptedRunner runner = new ScriptedRunner(rig.robot.task().observationSize(), 2);
        List<Long> starts = new ArrayList<>();
        runner.onCall = k -> starts.add(rig.clock.nanoTime());
        ControlLoop loop = rig.loop(runner, null);
        loop.run(5 * P / 2, 50);
        assertEquals(50, starts.size());
        for (int k = 0; k < starts.size(); k++) {
            assertEquals(5 * P / 2 + k * P, starts.get(k), "period " + k + " starts on the grid");
        }
        assertEquals(0, loop.overruns());
        assertEquals(0, loop.timings().startJitter().getMaxValue(), "a stepped clock starts every period on time");
    }

    @Test
    void overrunIsCountedAndNextPeriodStaysOnGrid() {
        SimRig rig = new SimRig(1);
        ScriptedRunner runner = new ScriptedRunner(rig.robot.task().observationSize(), 2);
        List<Long> starts = new ArrayList<>();
        runner.onCall = k -> {
            starts.add(rig.clock.nanoTime());
            if (k == 5) {
                rig.clock.advanceNanos(P + P / 2); // this period's work takes 1.5 periods
            }
        };
        ControlLoop loop = rig.loop(runner, null);
        loop.run(0, 10);
        assertEquals(1, loop.overruns(), "one iteration ran past the next period's start");
        assertEquals(1, loop.skippedPeriods(), "the grid point it ran across is skipped");
        assertEquals(10, starts.size());
        for (int k = 0; k < 6; k++) {
            assertEquals(k * P, starts.get(k));
        }
        // No burst of catch-up iterations: the next one waits for the first grid point after the overrun.
        for (int k = 6; k < 10; k++) {
            assertEquals((k + 1) * P, starts.get(k), "period " + k + " is back on the grid, one period later");
        }
    }

    @Test
    void anOverrunRecordsWhichStageTookTheTime() {
        SimRig rig = new SimRig(1);
        ScriptedRunner runner = new ScriptedRunner(rig.robot.task().observationSize(), 2);
        runner.onCall = k -> {
            if (k == 3) {
                rig.clock.advanceNanos(P + P / 4); // inference stalls for 1.25 periods
            }
        };
        // A waiter that wakes 2 ms late once: the OS did not run the loop thread in time.
        Waiter stepping = Waiter.stepping(rig.clock);
        long[] lateOnce = {7};
        Waiter late = deadline -> {
            stepping.awaitNanos(deadline);
            if (lateOnce[0]-- == 0) {
                rig.clock.advanceNanos(P + 2_000_000);
            }
        };
        ControlLoop loop = new ControlLoop(rig.robot, new PreparedPolicy("test", runner, null), rig.safety, rig.events,
                null, rig.clock, late, P, null);
        loop.run(0, 12);
        assertEquals(2, loop.overruns());
        OverrunLog log = loop.overrunLog();
        assertEquals(2, log.count());
        var stall = log.overruns().get(0);
        assertEquals(3 * P * 1e-9, stall.atSeconds(), 1e-12, "the fourth period");
        assertEquals((P + P / 4) / 1000.0, stall.stageMicros()[Stage.INFER.ordinal()], 1e-9);
        assertEquals(P / 4 / 1000.0, stall.endPastGridMicros(), 1e-9);
        assertEquals(0, stall.lateStartMicros());
        assertTrue(stall.blame().startsWith("infer"), stall.describe());

        var wake = log.overruns().get(1);
        assertEquals((P + 2_000_000) / 1000.0, wake.lateStartMicros(), 1e-9, "started late, every stage on time");
        assertEquals(0, wake.stageMicros()[Stage.INFER.ordinal()]);
        assertTrue(wake.blame().startsWith("late_start"), wake.describe());
        assertEquals((P + P / 4) / 1000.0, log.maxima().stageMicros()[Stage.INFER.ordinal()], 1e-9, "per-stage maximum");
        assertEquals((P + 2_000_000) / 1000.0, log.maxima().lateStartMicros(), 1e-9);
    }

    @Test
    void eachStageIsTimedIntoItsHistogram() {
        SimRig rig = new SimRig(1);
        ScriptedRunner runner = new ScriptedRunner(rig.robot.task().observationSize(), 2);
        runner.onCall = k -> rig.clock.advanceNanos(300_000);
        ControlLoop loop = rig.loop(runner, null);
        rig.run(20);
        LoopTimings t = loop.timings();
        assertEquals(20, t.stage(Stage.INFER).getTotalCount());
        assertEquals(300_000, t.stage(Stage.INFER).getValueAtPercentile(50), 300_000 * 1e-3);
        for (Stage s : Stage.values()) {
            assertEquals(20, t.stage(s).getTotalCount(), s + " recorded once per period");
            if (s != Stage.INFER) {
                assertEquals(0, t.stage(s).getMaxValue(), s + " took no stepped time");
            }
        }
        assertEquals(20, t.startJitter().getTotalCount());
        assertTrue(t.iteration().getMinValue() >= 299_000, "a period lasts at least its stages (3 significant digits)");
    }

    @Test
    void gridArithmeticSkipsEveryPointAnOverrunCrosses() {
        PeriodGrid g = new PeriodGrid(100, 10);
        g.advance(105);
        assertEquals(110, g.next());
        g.advance(145); // ended 35 past 110: points 120, 130, 140 missed
        assertEquals(150, g.next());
        assertEquals(1, g.overruns());
        assertEquals(3, g.skippedPeriods());
        g.advance(160); // ending exactly on the next point is on time
        assertEquals(160, g.next());
        assertEquals(1, g.overruns());
    }
}
