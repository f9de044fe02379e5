package dev.sim2pi.bridge.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.bridge.link.LoopbackLink;
import dev.sim2pi.bridge.link.McuTwin;
import dev.sim2pi.bridge.wiring.RobotHardware;
import dev.sim2pi.bridge.wiring.Wiring;
import dev.sim2pi.bridge.wiring.WiringReader;
import dev.sim2pi.models.time.SteppedClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped cart-pole wiring, whose motor and encoders live on a microcontroller: the host side
 * runs for real over a loopback serial link to the reference MCU ({@link McuTwin}).
 */
class CartpoleOverMcuTest {

    private static final long MS = 1_000_000L;
    private final MockPi pi = new MockPi();
    private final SteppedClock clock = new SteppedClock();
    private final LoopbackLink[] ends = LoopbackLink.pair(8192);
    private final McuTwin mcu = new McuTwin(ends[1], clock, 7);
    private final Wiring wiring = WiringReader.resource("cartpole-pi.json");
    private final RobotHardware robot = RobotHardware.assemble(wiring,
            new Pi4jDevices(pi.context(), false, wiring, clock, spec -> {
                assertEquals("/dev/ttyACM0", spec.string("port", null));
                return ends[0];
            }, null, nanos -> { }));
    private final double[] sensors = new double[2];
    private final double[] command = new double[1];

    @AfterEach
    void close() {
        robot.close();
        pi.close();
    }

    private void cycle(double volts) {
        clock.advanceNanos(5 * MS);
        mcu.poll();
        robot.read(sensors, 0);
        command[0] = volts;
        robot.apply(command, 0);
    }

    @Test
    void theWiringConfiguresTheMcuAndVoltsBecomeDuty() {
        robot.enable();
        for (int i = 0; i < 10; i++) {
            cycle(6);
        }
        mcu.poll();
        assertEquals(100, mcu.config().heartbeatTimeoutMillis);
        assertEquals(5, mcu.config().reportPeriodMillis);
        assertEquals(0.5, mcu.motorDuty(0), 1e-4, "6 V of a 12 V supply");
        cycle(-30);
        mcu.poll();
        assertEquals(-1, mcu.motorDuty(0), 1e-4, "clipped to the channel's 12 V");
    }

    @Test
    void encoderCountsBecomeMetresAndRadiansWithTheCalibratedZero() {
        robot.enable();
        cycle(0);
        cycle(0);
        assertEquals(Math.PI, sensors[1], 1e-12, "the pole hangs at start");
        mcu.setTicks(0, 3770);
        mcu.setTicks(1, -1024);
        for (int i = 0; i < 3; i++) {
            cycle(0);
        }
        assertEquals(0.09425, sensors[0], 1e-12, "one pulley turn moves the belt 94.25 mm");
        assertEquals(Math.PI - Math.PI / 2, sensors[1], 1e-12);
    }

    @Test
    void whenTheControlLoopStopsTheMcuStopsTheMotor() {
        robot.enable();
        for (int i = 0; i < 10; i++) {
            cycle(12);
        }
        mcu.poll();
        assertTrue(mcu.motorEnabled(0));
        for (int ms = 0; ms <= 101; ms++) {
            clock.advanceNanos(MS);
            mcu.poll();
        }
        assertFalse(mcu.motorEnabled(0), "watchdog stopped it within the wiring's 100 ms");
        assertTrue(mcu.watchdogTripped());
    }

    @Test
    void closingCoastsTheMotorAtOnce() {
        robot.enable();
        for (int i = 0; i < 5; i++) {
            cycle(12);
        }
        mcu.poll();
        assertTrue(mcu.motorEnabled(0));
        robot.close();
        mcu.poll();
        assertFalse(mcu.motorEnabled(0));
        assertEquals(0, mcu.motorDuty(0));
    }

    @Test
    void aControlCycleOverTheLinkAllocatesNothing() {
        robot.enable();
        cycles(20_000);
        java.util.List<Long> windows = dev.sim2pi.models.testing.Allocations.untilZeroOnceJitSettles(() -> cycles(5_000), 4);
        assertTrue(dev.sim2pi.models.testing.Allocations.endsAtZero(windows), "bytes per window of 5000 cycles, both ends: " + windows);
        assertEquals(0, mcu.decoder().rejected());
    }

    private void cycles(int n) {
        for (int i = 0; i < n; i++) {
            mcu.setTicks(0, i);
            cycle((i % 24) - 12);
        }
    }
}
