package dev.sim2pi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.controller.safety.State;
import dev.sim2pi.models.bundle.Ed25519Keys;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.broker.EmbeddedBroker;
import dev.sim2pi.telemetry.wire.proto.ControllerStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gated deployment end to end: {@link Deployer} on a real broker (embedded HiveMQ) against a whole
 * controller on the balancer's reality twin ({@link TwinRobot}, stepped clock, 3 s probation).
 */
class DeployTest {

    private static final long PROBATION_NANOS = 3_000_000_000L;
    private static final AtomicInteger ROBOTS = new AtomicInteger();
    private static EmbeddedBroker broker;
    private static final KeyPair OPERATOR = Ed25519Keys.generate();

    @TempDir
    Path tmp;
    private Path key;
    private TwinRobot robot;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start(0, null);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @AfterEach
    void stopRobot() {
        if (robot != null) {
            robot.close();
        }
    }

    private void startRobot(PolicyBundle running) throws Exception {
        key = tmp.resolve("operator");
        Files.writeString(Path.of(key + ".key"), Ed25519Keys.encode(OPERATOR.getPrivate()) + "\n");
        Files.writeString(Path.of(key + ".pub"), Ed25519Keys.encode(OPERATOR.getPublic()) + "\n");
        robot = new TwinRobot("twin-" + ROBOTS.incrementAndGet(), broker.url(), running, OPERATOR.getPublic(),
                tmp.resolve("spool"), PROBATION_NANOS);
        assertTrue(robot.awaitReady(), "robot connected");
        assertTrue(robot.controller.commands().arm().accepted());
        robot.run(300); // 3 s on its bundle: the guard's baseline
        assertEquals(State.RUNNING, robot.controller.loop().safety().state());
    }

    private Deployer.Request request(Path bundle) {
        return Deployer.Request.of(robot.id, bundle, key).withGate(3, 1_000_000, 0, List.of(), null)
                .withLog(tmp.resolve("deploy.log"));
    }

    /** Deploys on another thread while this one runs the robot's periods it needs. */
    private Deployer.Result deploy(Deployer.Request r) throws Exception {
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        CompletableFuture<Deployer.Result> f = CompletableFuture.supplyAsync(() -> {
            try {
                return Deployer.deploy(MqttSettings.of(broker.url()), r, out);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        robot.serve(f);
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new AssertionError("deploy failed: " + e.getCause() + "\n" + printed, e.getCause());
        }
    }

    private FleetStatus.Robot fleetEntry() throws InterruptedException {
        return FleetStatus.collect(MqttSettings.of(broker.url()), 300, 5_000).stream()
                .filter(r -> r.id().equals(robot.id)).findFirst().orElseThrow();
    }

    @Test
    void theGateRefusesAWorseCandidateAndTheRobotKeepsItsBundle() throws Exception {
        startRobot(Releases.SHIPPED);
        String before = robot.controller.loop().policyId();
        Path bad = tmp.resolve("one-wheel");
        Releases.oneWheel(bad, 2, null);
        Deployer.Result r = deploy(request(bad).withCurrent(Releases.SHIPPED_DIR));
        assertEquals("refused", r.decision(), printed.toString());
        assertTrue(r.candidateReturn() < r.currentReturn(), r.toString());
        assertFalse(r.swapped());
        assertEquals(before, robot.controller.loop().policyId());
        String log = Files.readString(tmp.resolve("deploy.log"));
        assertTrue(log.contains("gate refused") && log.contains("decision=refused"), log);
        FleetStatus.Robot entry = fleetEntry();
        assertNotNull(entry.lastDecision(), "the decision is published, retained");
        assertEquals("gate_refused", entry.lastDecision().getKind());
    }

    @Test
    void theGateAcceptsABetterCandidateWhichSwapsWithoutOverrunAndIsKept() throws Exception {
        Path weak = tmp.resolve("drifting");
        startRobot(Releases.drifting(weak, 1, 0.2f, null));
        Path better = tmp.resolve("v2");
        PolicyBundle v2 = Releases.good(better, 2, 7, null);
        Deployer.Result r = deploy(request(better).withCurrent(weak));
        assertEquals("accepted", r.decision(), printed.toString());
        assertTrue(r.candidateReturn() > r.currentReturn(), r.toString());
        assertTrue(r.swapped() && !r.rolledBack(), r.toString());
        assertEquals("kept", r.verdict(), r.message());
        assertTrue(robot.controller.loop().policyId().endsWith(v2.manifest().onnxSha256().substring(0, 12)));
        assertEquals(0, robot.controller.loop().overruns(), "the swap cost no period");
        assertEquals(0, robot.opened.simulation().falls());

        robot.run(2);
        ControllerStatus c = awaitStatusShowing(2);
        assertEquals(v2.manifest().onnxSha256(), c.getBundleSha256());
        assertEquals(Releases.SHIPPED.manifest().onnxSha256(), c.getBundleParent());
        assertEquals(0, c.getRollbacks());
        // The next deployment learns the running bundle from the policy topic: this one again is no change.
        Deployer.Result again = deploy(request(better));
        assertEquals("already_running", again.decision(), printed.toString());
    }

    private ControllerStatus awaitStatusShowing(int version) throws InterruptedException {
        // The event thread refreshes the retained status every 2 s of wall time or on a change.
        for (int i = 0; i < 50; i++) {
            FleetStatus.Robot e = fleetEntry();
            if (e.status() != null && e.status().getController().getBundleVersion() == version) {
                return e.status().getController();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the retained status never showed version " + version);
    }

    @Test
    void aOneWheelCandidatePastAnUngatedDeployIsRolledBackAndRefusedAfterwards() throws Exception {
        startRobot(Releases.SHIPPED);
        String before = robot.controller.loop().policyId();
        Path bad = tmp.resolve("one-wheel");
        PolicyBundle oneWheel = Releases.oneWheel(bad, 2, null);
        long startNanos = robot.clock.nanoTime();
        Deployer.Result r = deploy(request(bad).withGate(0, 0, 0, List.of(), null).withCurrent(Releases.SHIPPED_DIR));
        assertEquals("ungated", r.decision());
        assertTrue(r.swapped() && r.rolledBack(), r + "\n" + printed);
        assertEquals("rolled_back", r.reason());
        assertTrue(robot.clock.nanoTime() - startNanos < PROBATION_NANOS, "rolled back within the probation");
        robot.run(100);
        assertEquals(before, robot.controller.loop().policyId(), "the previous bundle runs again");
        assertEquals(State.RUNNING, robot.controller.loop().safety().state(), "kept safe: still balancing; " + r.message());
        assertEquals(0, robot.opened.simulation().falls(), "no fall");
        assertEquals(List.of(oneWheel.manifest().onnxSha256()), robot.guard().state().refusedCandidates());

        Deployer.Result again = deploy(request(bad).withGate(0, 0, 0, List.of(), null).withCurrent(Releases.SHIPPED_DIR));
        assertFalse(again.swapped());
        assertEquals("rolled_back_before", again.reason(), again.message());
    }

    @Test
    void anOlderOrUnsignedBundleIsRefusedByTheRobot() throws Exception {
        Path v2 = tmp.resolve("v2");
        startRobot(Releases.good(v2, 2, 7, null));
        Deployer.Result older = deploy(request(Releases.SHIPPED_DIR).withGate(0, 0, 0, List.of(), null).withCurrent(v2));
        assertEquals("refused", older.verdict(), older.message());
        assertEquals("older_version", older.reason(), older.message());

        Path v3 = tmp.resolve("v3");
        Releases.good(v3, 3, 8, null);
        Deployer.Result unsigned = deploy(request(v3).withGate(0, 0, 0, List.of(), null).withCurrent(v2)
                .withSigning(false));
        assertEquals("refused", unsigned.verdict());
        assertEquals("bundle_refused", unsigned.reason());
        assertTrue(unsigned.message().contains("signature"), unsigned.message());
        assertTrue(robot.controller.loop().policyId().endsWith(
                dev.sim2pi.models.bundle.BundleLoader.create().allowingUnsigned().load(v2).manifest().onnxSha256()
                        .substring(0, 12)));
    }
}
