package dev.sim2pi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.telemetry.wire.proto.ControllerStatus;
import dev.sim2pi.telemetry.wire.proto.Event;
import dev.sim2pi.telemetry.wire.proto.RecentEvent;
import dev.sim2pi.telemetry.wire.proto.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code fleet status} prints from retained messages, and how {@code deploy} and it fail without a broker. */
class FleetStatusTest {

    private static final long NOW = 1_780_000_000_000L;

    @Test
    void eachRobotShowsItsBundleUptimeSafetyAndCountersThenTheTotals() {
        Status up = Status.newBuilder().setRobotId("a").setState(Status.State.ARMED).setUnixMillis(NOW - 1_000)
                .setFramesEnqueued(5000).setFramesDropped(2)
                .setController(ControllerStatus.newBuilder().setPolicyId("balancer@0123456789ab").setBundleVersion(3)
                        .setBundleParent("ab".repeat(32)).setStartedUnixMillis(NOW - 125_000).setIterations(12_500)
                        .setOverruns(1).setSafetyEvents(4).setRollbacks(1).addRefusedCandidates("cd".repeat(32))
                        .addRecentSafetyEvents(RecentEvent.newBuilder().setKind("termination").setUnixMillis(NOW - 60_000)))
                .build();
        Status gone = Status.newBuilder().setRobotId("b").setState(Status.State.OFFLINE).setUnixMillis(NOW - 7_200_000).build();
        Event decision = Event.newBuilder().setKind("gate_refused").setUnixMillis(NOW - 30_000)
                .setMessage("gate refused: candidate 34.68 vs running 855.41").build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FleetStatus.print(List.of(new FleetStatus.Robot("a", up, decision), new FleetStatus.Robot("b", gone, null)), NOW,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("a: armed"), out);
        assertTrue(out.contains("bundle   balancer@0123456789ab v3 (parent abababababab)"), out);
        assertTrue(out.contains("uptime   2m05s; 12500 periods, 1 overruns"), out);
        assertTrue(out.contains("safety   4 events: termination 1m00s ago"), out);
        assertTrue(out.contains("releases 1 rollbacks, 1 refused candidates"), out);
        assertTrue(out.contains("frames   5000 sent, 2 dropped"), out);
        assertTrue(out.contains("gate     gate_refused 30.0s ago"), out);
        assertTrue(out.contains("b: offline (status 2h00m ago)"), out);
        String[] lines = out.strip().split("\n");
        assertEquals("robots=2 online=1 rollbacks=1 safety_events=4", lines[lines.length - 1]);
    }

    @Test
    void withoutABrokerBothCommandsSayWhatIsMissingInOneLine() {
        for (String[] args : new String[][] {{"fleet", "status", "--embedded-port", "1"},
                {"deploy", "--robot", "r1", "--bundle", "b", "--key", "k", "--embedded-port", "1"}}) {
            CliRun run = CliRun.of(args);
            assertTrue(run.exitCode() != 0, String.join(" ", args));
            assertTrue(run.err().contains("--broker: required") && run.err().strip().lines().count() == 1, run.err());
        }
    }
}
