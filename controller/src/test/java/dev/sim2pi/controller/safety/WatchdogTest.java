package dev.sim2pi.controller.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.controller.loop.ControlLoop;
import dev.sim2pi.controller.loop.ControllerCommands;
import dev.sim2pi.controller.testing.ScriptedRunner;
import dev.sim2pi.controller.testing.SimRig;
import dev.sim2pi.models.tasks.BalancerTask;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The loop thread blocks inside a period; the watchdog, on its own thread, makes the motors safe
 * once the loop's clock has moved K periods past the last feed, and the fault holds after the
 * loop comes back. Time is stepped; the only real waits are for threads to notice (bounded).
 */
class WatchdogTest {

    private static final long P = SimRig.PERIOD_NANOS;

    @Test
    void aBlockedLoopThreadHasItsActuatorsMadeSafeByTheWatchdogWithinKPeriods() throws Exception {
        SimRig rig = new SimRig(4, dev.sim2pi.controller.safety.SafetyConfig.defaults(0.01, 0.01).withTerminationCheck(false));
        int k = rig.safety.config().watchdogPeriods();
        ScriptedRunner runner = new ScriptedRunner(rig.robot.task().observationSize(), 2);
        runner.command = 0.5f;
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        runner.onCall = call -> {
            if (call == 20) {
                blocked.countDown();
                try {
                    release.await(); // a device call or native library that never returns
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Watchdog watchdog = new Watchdog(rig.clock, P, k, rig.robot::safe);
        ControlLoop loop = rig.loop(runner, watchdog);
        new ControllerCommands(loop, 100, true).arm();
        Thread loopThread = new Thread(() -> rig.run(40), "test-loop");
        watchdog.start();
        loopThread.start();
        assertTrue(blocked.await(30, TimeUnit.SECONDS), "the loop reached the blocking period");
        assertEquals(0.5, rig.plantAction(BalancerTask.DUTY_LEFT), 1e-9, "driving when it blocked");
        long lastFeed = watchdog.lastFeedNanos();

        rig.clock.advanceNanos(lastFeed + k * P - rig.clock.nanoTime());
        Thread.sleep(50);
        assertFalse(watchdog.tripped(), "exactly K periods late is still within the limit");

        rig.clock.advanceNanos(1);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (watchdog.madeSafe() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertTrue(watchdog.tripped(), "the watchdog noticed the stalled loop");
        assertTrue(watchdog.trippedAtNanos() - lastFeed <= k * P + P, "tripped within K periods of the last feed");
        assertEquals(0.0, rig.plantAction(BalancerTask.DUTY_LEFT), "motors safe while the loop is still stuck; " + watchdog.safeFailure());
        assertEquals(0.0, rig.plantAction(BalancerTask.DUTY_RIGHT));

        release.countDown();
        loopThread.join(30_000);
        watchdog.close();
        assertEquals(State.FAULTED, rig.safety.state(), "the loop came back to a latched fault");
        assertEquals(EventKind.WATCHDOG, rig.safety.faultCause());
        assertEquals(0.0, rig.plantAction(BalancerTask.DUTY_LEFT), "the stuck period's stale command never reached the motor");
        assertEquals(1, rig.events.count(EventKind.WATCHDOG));
    }
}
