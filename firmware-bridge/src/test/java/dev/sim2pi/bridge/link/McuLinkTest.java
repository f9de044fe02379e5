package dev.sim2pi.bridge.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.bridge.device.DeviceException;
import dev.sim2pi.models.time.SteppedClock;
import org.junit.jupiter.api.Test;

class McuLinkTest {

    private static final long MS = 1_000_000L;

    private final SteppedClock clock = new SteppedClock();
    private final LoopbackLink[] ends = LoopbackLink.pair(4096);
    private final McuLink host = new McuLink(ends[0], clock, 20 * MS, 100 * MS);
    private final long startNanos = clock.nanoTime();
    private final McuTwin mcu = new McuTwin(ends[1], clock, 2026112201L);

    /** Runs both ends for {@code millis} in 1 ms steps. */
    private void run(int millis) {
        for (int i = 0; i < millis; i++) {
            clock.advanceNanos(MS);
            mcu.poll();
            host.poll();
        }
    }

    /** Runs both ends for {@code millis}, the host sending its motor command every 1 ms like a control loop. */
    private void drive(int millis) {
        for (int i = 0; i < millis; i++) {
            host.sendMotorCommand();
            run(1);
        }
    }

    private void connect() {
        host.start();
        run(5);
        assertTrue(host.connected());
    }

    @Test
    void handshakeReportsTheFirmwareAndItsChannels() {
        connect();
        assertEquals(2026112201L, host.helloAck().firmwareVersion);
        assertEquals(MessageType.MOTORS, host.helloAck().motors);
        assertTrue(host.alive());
        host.requireCompatible();
    }

    @Test
    void commandsReachTheMotorsAndReportsComeBack() {
        connect();
        host.motorCommand().enableMask = 0b11;
        host.motorCommand().setDutyFraction(0, 0.25);
        host.motorCommand().setDutyFraction(1, -1);
        mcu.setTicks(1, -123456789L);
        mcu.setBatteryMillivolts(7400);
        drive(30);
        assertEquals(0.25, mcu.motorDuty(0), 1e-4);
        assertEquals(-1, mcu.motorDuty(1), 1e-9);
        assertEquals(-123456789, host.latestReport().ticks[1]);
        assertEquals(7400, host.latestReport().batteryMillivolts);
        assertEquals(0b11, host.latestReport().motorsEnabledMask);
        assertTrue(host.reportsReceived() >= 2);
        assertEquals(0, host.decoder().rejected());
        assertEquals(0, mcu.decoder().rejected());
    }

    @Test
    void configIsAcknowledgedAndBadConfigRejected() {
        connect();
        Config c = new Config();
        c.heartbeatTimeoutMillis = 150;
        c.reportPeriodMillis = 5;
        c.pwmFrequencyHz = 25_000;
        host.configure(c);
        run(3);
        assertEquals(ConfigAck.ACCEPTED, host.configAck().status);
        assertEquals(150, mcu.config().heartbeatTimeoutMillis);
        c.heartbeatTimeoutMillis = 5000;
        host.configure(c);
        run(3);
        assertEquals(ConfigAck.REJECTED, host.configAck().status);
        assertEquals(150, host.configAck().config.heartbeatTimeoutMillis);
        assertEquals(Fault.BAD_CONFIG, host.lastFault().code);
    }

    @Test
    void mcuStopsItsMotorsWithinTheTimeoutWhenHeartbeatsStop() {
        connect();
        host.setCommandTtlMillis(1000); // the watchdog, not the time-to-live, must stop them here
        host.motorCommand().enableMask = 1;
        host.motorCommand().setDutyFraction(0, 0.8);
        host.sendMotorCommand();
        run(500);
        assertEquals(0.8, mcu.motorDuty(0), 1e-4, "heartbeats keep the motors running");
        ends[0].severOutgoing(true);
        int timeoutMs = mcu.config().heartbeatTimeoutMillis;
        int stoppedAfter = -1;
        for (int ms = 1; ms <= 2 * timeoutMs; ms++) {
            run(1);
            if (mcu.motorDuty(0) == 0) {
                stoppedAfter = ms;
                break;
            }
        }
        // The last heartbeat left up to one host period before the cut.
        assertTrue(stoppedAfter > 0 && stoppedAfter <= timeoutMs + 1, "stopped after " + stoppedAfter + " ms");
        assertTrue(mcu.watchdogTripped());
        run(5);
        assertEquals(Fault.HEARTBEAT_TIMEOUT, host.lastFault().code);
    }

    @Test
    void aWatchdogTripStaysLatchedUntilTheHostReEnablesExplicitly() {
        connect();
        host.motorCommand().enableMask = 1;
        host.motorCommand().setDutyFraction(0, 0.8);
        drive(50);
        assertEquals(0.8, mcu.motorDuty(0), 1e-4);
        ends[0].severOutgoing(true);
        run(mcu.config().heartbeatTimeoutMillis + 10);
        assertTrue(mcu.watchdogTripped());
        ends[0].severOutgoing(false);
        // The stalled loop comes back and resumes sending the duty it last had: it must not drive.
        drive(300);
        assertEquals(0, mcu.motorDuty(0), "commands after a trip are ignored until re-enabled");
        assertFalse(mcu.motorEnabled(0));
        assertTrue(mcu.watchdogTripped());
        assertTrue(host.motorsLatchedOff(), "the latch shows in the sensor reports");
        assertTrue(mcu.commandsIgnoredWhileLatched() >= 290);
        host.reenableMotors();
        run(5);
        assertFalse(mcu.watchdogTripped());
        assertEquals(0, mcu.motorDuty(0), "re-enabling alone moves nothing");
        drive(5);
        assertEquals(0.8, mcu.motorDuty(0), 1e-4, "the command after the re-enable drives");
        assertFalse(host.motorsLatchedOff());
    }

    @Test
    void aMotorCommandOlderThanItsTimeToLiveIsNotApplied() {
        connect();
        host.setCommandTtlMillis(30);
        run(100); // heartbeats teach the MCU the host's clock
        MotorCommand late = new MotorCommand();
        late.enableMask = 1;
        late.setDutyFraction(0, 0.6);
        late.ttlMillis = 30;
        // Sent 40 ms ago (host uptime), delivered only now: a backed-up serial buffer.
        late.sentMillis = (clock.nanoTime() - startNanos) / MS - 40;
        host.send(late);
        run(1);
        assertEquals(0, mcu.motorDuty(0), "an expired command is not applied");
        assertEquals(1, mcu.expiredCommands());
        run(3);
        assertEquals(Fault.COMMAND_EXPIRED, host.lastFault().code);
        assertTrue(host.lastFault().detail >= 40, "detail is the age: " + host.lastFault().detail);
        late.sentMillis = (clock.nanoTime() - startNanos) / MS - 10;
        host.send(late);
        run(1);
        assertEquals(0.6, mcu.motorDuty(0), 1e-4, "a command within its time-to-live is applied");
    }

    @Test
    void aMotorCommandThatRunsOutCoastsTheMotorsUntilAFreshOne() {
        connect();
        host.setCommandTtlMillis(30);
        host.motorCommand().enableMask = 1;
        host.motorCommand().setDutyFraction(0, 0.5);
        drive(10);
        assertEquals(0.5, mcu.motorDuty(0), 1e-4);
        run(29);
        assertEquals(0.5, mcu.motorDuty(0), 1e-4, "held for its time-to-live");
        run(3);
        assertEquals(0, mcu.motorDuty(0), "coasts once the command in force runs out");
        assertFalse(mcu.watchdogTripped(), "heartbeats kept flowing: not a watchdog trip");
        assertEquals(Fault.COMMAND_EXPIRED, host.lastFault().code);
        drive(2);
        assertEquals(0.5, mcu.motorDuty(0), 1e-4, "expiry does not latch: a fresh command drives");
    }

    @Test
    void hostDetectsLossWithinItsTimeout() {
        connect();
        run(200);
        assertTrue(host.alive());
        ends[1].severOutgoing(true);
        long cut = clock.nanoTime();
        long detected = -1;
        for (int ms = 0; ms < 1000 && detected < 0; ms++) {
            run(1);
            if (!host.alive()) {
                detected = clock.nanoTime();
            }
        }
        long sinceLastFrame = detected - host.lastReceiveNanos();
        assertTrue(detected > 0);
        assertTrue(sinceLastFrame > 100 * MS && sinceLastFrame <= 101 * MS, "detected " + sinceLastFrame / 1e6 + " ms after last frame");
        assertTrue(detected - cut <= 101 * MS);
        assertEquals(1, host.losses());
        ends[1].severOutgoing(false);
        run(60);
        assertTrue(host.alive(), "the link comes back by itself");
        assertEquals(1, host.losses());
    }

    @Test
    void anMcuSpeakingAnotherMajorVersionIsRefusedByName() {
        host.start();
        HelloAck other = new HelloAck();
        other.major = MessageType.PROTOCOL_MAJOR + 1;
        byte[] wire = new byte[FrameEncoder.MAX_WIRE_LENGTH];
        int n = new FrameEncoder().encode(other, wire, 0);
        ends[1].write(wire, 0, n);
        host.poll();
        assertFalse(host.connected());
        DeviceException e = assertThrows(DeviceException.class, host::requireCompatible);
        assertTrue(e.getMessage().contains("protocol " + (MessageType.PROTOCOL_MAJOR + 1) + ".0"), e.getMessage());
    }

    @Test
    void mcuRefusesAHostOfAnotherMajorVersionAndIgnoresItsCommands() {
        Hello h = new Hello();
        h.major = 9;
        host.send(h);
        run(3);
        assertEquals(Fault.VERSION_MISMATCH, host.lastFault().code);
        assertEquals(9, host.lastFault().detail);
        host.motorCommand().enableMask = 1;
        host.motorCommand().setDutyFraction(0, 1);
        host.sendMotorCommand();
        run(3);
        assertEquals(0, mcu.motorDuty(0));
    }

    @Test
    void closingCommandsTheMotorsToCoast() {
        connect();
        host.motorCommand().enableMask = 1;
        host.motorCommand().setDutyFraction(0, 0.5);
        host.sendMotorCommand();
        run(2);
        host.close();
        mcu.poll();
        assertEquals(0, mcu.motorDuty(0));
        assertFalse(mcu.motorEnabled(0));
    }

    @Test
    void openingAPortThatDoesNotExistSaysWhichAndWhatToCheck() {
        DeviceException e = assertThrows(DeviceException.class,
                () -> JSerialCommLink.open("/dev/ttyDOES_NOT_EXIST", 115200));
        assertTrue(e.getMessage().contains("/dev/ttyDOES_NOT_EXIST"), e.getMessage());
        assertTrue(e.getMessage().contains("dialout"), e.getMessage());
    }

    @Test
    void garbageOnTheLineIsReportedAsBadFramesAndFeedsNoWatchdog() {
        connect();
        host.setCommandTtlMillis(1000); // the watchdog, not the time-to-live, must stop them here
        host.motorCommand().enableMask = 1;
        host.motorCommand().setDutyFraction(0, 0.5);
        host.sendMotorCommand();
        run(2);
        byte[] noise = {5, 1, 2, 0, 7, 7, 7, 7, 0};
        LoopbackLink hostEnd = ends[0];
        for (int ms = 0; ms < 300; ms++) {
            hostEnd.write(noise, 0, noise.length);
            clock.advanceNanos(MS);
            mcu.poll();
        }
        assertEquals(0, mcu.motorDuty(0), "garbage does not feed the watchdog");
        host.poll();
        assertTrue(mcu.decoder().rejected() >= 600);
        assertTrue(host.faultsReceived() >= 2, "heartbeat timeout and bad frames reported");
    }
}
