package dev.sim2pi.cli;

import com.google.protobuf.ByteString;
import dev.sim2pi.controller.command.CommandRules;
import dev.sim2pi.models.Figures;
import dev.sim2pi.models.InputException;
import dev.sim2pi.models.bundle.BundleArchive;
import dev.sim2pi.models.bundle.BundleLoader;
import dev.sim2pi.models.bundle.BundleSigner;
import dev.sim2pi.models.bundle.Ed25519Keys;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.bundle.Sha256;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.models.task.Tasks;
import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.command.CommandSigner;
import dev.sim2pi.telemetry.wire.WireSchema;
import dev.sim2pi.telemetry.wire.proto.Command;
import dev.sim2pi.telemetry.wire.proto.CommandAck;
import dev.sim2pi.telemetry.wire.proto.Event;
import dev.sim2pi.telemetry.wire.proto.PolicyDeployment;
import dev.sim2pi.telemetry.wire.proto.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Gated deployment of a bundle to one robot, callable in-process ({@code sim2pi deploy} and the
 * demo use it): the gate plays the candidate and the robot's running bundle on the same held-out
 * episodes ({@link DeployGate}); the decision and its numbers go to the log file and, retained, to
 * {@code sim2pi/<robot>/deploy}; an accepted candidate is signed with the operator key (unless it
 * already is), published retained on {@code sim2pi/<robot>/policy} and loaded by a signed command.
 * The robot answers at once (swapping at its next period boundary, or refusing with a reason) and
 * again when the candidate's probation ends: {@code kept} or {@code rolled_back}.
 *
 * <pre>{@code
 * Deployer.Result r = Deployer.deploy(MqttSettings.of("tcp://127.0.0.1:1883"),
 *         Deployer.Request.of("robot1", Path.of("out/policy"), Path.of("keys/operator")), System.out);
 * }</pre>
 */
public final class Deployer {

    /** How long to wait for the robot's retained status. */
    static final long STATUS_WAIT_MILLIS = 5_000;

    private Deployer() {
    }

    /**
     * What to deploy and how to judge it.
     *
     * @param robot           robot id
     * @param bundle          candidate bundle folder or {@code .s2p} archive
     * @param current         the running bundle to gate against, or null to read it back from the robot's policy topic
     * @param key             operator key pair prefix ({@code PREFIX.key}, {@code PREFIX.pub}); the robot must trust it
     * @param gateEpisodes    episodes per scenario; 0 skips the gate
     * @param gateSeed        episode k of each scenario uses seed {@code gateSeed + k}
     * @param gateMargin      return the candidate must beat the running bundle by
     * @param twinParams      twin files whose episodes join the gate
     * @param randomization   randomization ranges for the gate's simulator (a sysid-centred file), or null for the shipped ones
     * @param force           let the robot load an older bundle (anti-rollback override) or one rolled back before
     * @param sign            sign the candidate with the operator key unless it already is (false: publish it as it is)
     * @param ackTimeoutMillis     wait for the robot's first answer
     * @param verdictTimeoutMillis wait for its verdict after the probation
     * @param log             file the decision and the outcome are appended to
     */
    public record Request(String robot, Path bundle, Path current, Path key, int gateEpisodes, long gateSeed,
                          double gateMargin, List<Path> twinParams, Path randomization, boolean force, boolean sign,
                          long ackTimeoutMillis, long verdictTimeoutMillis, Path log) {

        public Request {
            twinParams = List.copyOf(twinParams);
            if (gateEpisodes < 0) {
                throw new InputException("--gate-episodes " + gateEpisodes + ": expected 0 (no gate) or more");
            }
            if (!Double.isFinite(gateMargin)) {
                throw new InputException("--gate-margin " + gateMargin + ": expected a finite return difference");
            }
        }

        /** 20 episodes from seed 1,000,000 (apart from the trainer's evaluation seeds), margin 0, 30 s / 60 s waits. */
        public static Request of(String robot, Path bundle, Path key) {
            return new Request(robot, bundle, null, key, 20, 1_000_000, 0, List.of(), null, false, true, 30_000, 60_000,
                    Path.of(".sim2pi", "deploy", robot + ".log"));
        }

        public Request withCurrent(Path p) {
            return new Request(robot, bundle, p, key, gateEpisodes, gateSeed, gateMargin, twinParams, randomization, force,
                    sign, ackTimeoutMillis, verdictTimeoutMillis, log);
        }

        public Request withGate(int episodes, long seed, double margin, List<Path> twins, Path ranges) {
            return new Request(robot, bundle, current, key, episodes, seed, margin, twins, ranges, force, sign,
                    ackTimeoutMillis, verdictTimeoutMillis, log);
        }

        public Request withForce(boolean f) {
            return new Request(robot, bundle, current, key, gateEpisodes, gateSeed, gateMargin, twinParams, randomization,
                    f, sign, ackTimeoutMillis, verdictTimeoutMillis, log);
        }

        public Request withSigning(boolean s) {
            return new Request(robot, bundle, current, key, gateEpisodes, gateSeed, gateMargin, twinParams, randomization,
                    force, s, ackTimeoutMillis, verdictTimeoutMillis, log);
        }

        public Request withTimeouts(long ackMillis, long verdictMillis) {
            return new Request(robot, bundle, current, key, gateEpisodes, gateSeed, gateMargin, twinParams, randomization,
                    force, sign, ackMillis, verdictMillis, log);
        }

        public Request withLog(Path file) {
            return new Request(robot, bundle, current, key, gateEpisodes, gateSeed, gateMargin, twinParams, randomization,
                    force, sign, ackTimeoutMillis, verdictTimeoutMillis, file);
        }
    }

    /**
     * How it went.
     *
     * @param decision        the gate's: {@code accepted}, {@code refused}, {@code ungated} (no gate), {@code already_running}
     * @param candidateReturn the candidate's mean gate return (NaN without a gate)
     * @param currentReturn   the running bundle's on the same episodes
     * @param margin          the margin asked for
     * @param swapped         whether the robot swapped the candidate in
     * @param rolledBack      whether it rolled it back during its probation
     * @param verdict         {@code kept}, {@code rolled_back}, {@code refused} (by the robot), {@code no_ack},
     *                        {@code timeout} (no verdict in time) or {@code none} (nothing sent)
     * @param reason          the robot's reason code when it refused or rolled back, else empty
     * @param message         the robot's last words on it, or the gate's
     * @param version         the candidate's release number
     */
    public record Result(String decision, double candidateReturn, double currentReturn, double margin, boolean swapped,
                         boolean rolledBack, String verdict, String reason, String message, int version) {

        /** The closing key=value line. */
        public Figures figures() {
            return new Figures().put("decision", decision).put("candidate_return", candidateReturn)
                    .put("current_return", currentReturn).put("margin", margin).put("swapped", Boolean.toString(swapped))
                    .put("rollback", Boolean.toString(rolledBack)).put("verdict", verdict)
                    .put("reason", reason.isEmpty() ? "none" : reason).put("version", version);
        }

        /** One sentence for people. */
        public String summary() {
            return switch (verdict) {
                case "kept" -> "deployed v" + version + " and kept after its probation";
                case "rolled_back" -> "deployed v" + version + ", rolled back by the robot: " + message;
                case "refused" -> "the robot refused v" + version + " (" + reason + "): " + message;
                case "timeout" -> "deployed v" + version + "; no verdict from the robot in time: " + message;
                case "no_ack" -> "sent v" + version + "; the robot did not answer";
                default -> "not deployed: " + message;
            };
        }
    }

    /** Runs the deployment; progress lines go to {@code out}, the outcome is returned (and logged). */
    public static Result deploy(MqttSettings mqtt, Request r, PrintStream out) throws InterruptedException {
        if (r.key() == null) {
            throw new InputException("--key: required (operator key pair prefix; the load command is signed with it)");
        }
        PrivateKey priv = Ed25519Keys.readPrivate(Path.of(r.key() + ".key"));
        PublicKey pub = Ed25519Keys.readPublic(Path.of(r.key() + ".pub"));
        BundleLoader any = BundleLoader.create().allowingUnsigned().acceptingAnySigner();
        PolicyBundle candidate = any.load(r.bundle());
        RobotTask task = Tasks.byId(candidate.manifest().taskId());
        candidate = any.expecting(task).load(r.bundle());
        int version = candidate.manifest().version();
        try (RobotLink link = RobotLink.open(mqtt, r.robot(), "deploy")) {
            Status status = link.awaitStatus(STATUS_WAIT_MILLIS);
            String runningSha = status == null ? "" : status.getController().getBundleSha256();
            PolicyBundle current = current(r, any.expecting(task), link, status, runningSha, out);
            String candidateSha = candidate.manifest().onnxSha256();
            if (candidateSha.equals(current.manifest().onnxSha256())) {
                return finish(r, out, null, new Result("already_running", Double.NaN, Double.NaN, r.gateMargin(), false,
                        false, "none", "", "robot " + r.robot() + " already runs this model", version), link);
            }
            DeployGate.Decision gate = null;
            if (r.gateEpisodes() > 0) {
                out.printf(Locale.ROOT, "gate: v%d against the running v%d, %d episodes per scenario...%n", version,
                        current.manifest().version(), r.gateEpisodes());
                gate = DeployGate.judge(candidate, current, DeployGate.scenarios(task.id(), r.randomization(),
                        r.twinParams()), r.gateEpisodes(), r.gateSeed(), r.gateMargin());
                out.println(gate.describe());
            }
            String decision = gate == null ? "ungated" : gate.accepted() ? "accepted" : "refused";
            double cand = gate == null ? Double.NaN : gate.candidateReturn();
            double curr = gate == null ? Double.NaN : gate.currentReturn();
            publishDecision(link, r, decision, gate);
            if (gate != null && !gate.accepted()) {
                return finish(r, out, gate, new Result(decision, cand, curr, r.gateMargin(), false, false, "none", "",
                        gate.describe(), version), link);
            }
            byte[] archive = archive(r, candidate, priv, pub);
            String archiveSha = Sha256.hex(archive);
            String policyId = task.id() + "@" + candidateSha.substring(0, 12);
            link.publishPolicy(PolicyDeployment.newBuilder().setSchemaVersion(WireSchema.VERSION).setPolicyId(policyId)
                    .setBundleSha256(archiveSha).setBundleUri(r.bundle().toString())
                    .setBundleArchive(ByteString.copyFrom(archive)).build());
            CommandSigner signer = new CommandSigner(priv, pub, InstantSource.system(), new SecureRandom(), "deploy");
            Command load = signer.sign(r.robot(), Command.newBuilder().setKind(Command.Kind.LOAD_BUNDLE)
                    .setBundleSha256(archiveSha).setForce(r.force()));
            link.send(load);
            out.printf(Locale.ROOT, "published %s v%d (%d bytes) on the policy topic; load sent%s%n", policyId, version,
                    archive.length, r.force() ? " (forced)" : "");
            CommandAck first = link.awaitAck(load.getCommandId(), r.ackTimeoutMillis());
            if (first == null) {
                return finish(r, out, gate, new Result(decision, cand, curr, r.gateMargin(), false, false, "no_ack", "",
                        "no acknowledgement within " + r.ackTimeoutMillis() / 1000 + " s", version), link);
            }
            if (!first.getAccepted()) {
                return finish(r, out, gate, new Result(decision, cand, curr, r.gateMargin(), false, false, "refused",
                        first.getReason(), first.getMessage(), version), link);
            }
            out.println("robot: " + first.getMessage());
            CommandAck verdict = link.awaitAck(load.getCommandId(), r.verdictTimeoutMillis());
            if (verdict == null) {
                return finish(r, out, gate, new Result(decision, cand, curr, r.gateMargin(), true, false, "timeout", "",
                        "no verdict within " + r.verdictTimeoutMillis() / 1000 + " s", version), link);
            }
            boolean rolledBack = !verdict.getAccepted();
            return finish(r, out, gate, new Result(decision, cand, curr, r.gateMargin(), true, rolledBack,
                    rolledBack ? "rolled_back" : "kept", rolledBack ? verdict.getReason() : "", verdict.getMessage(),
                    version), link);
        } catch (MqttException e) {
            throw new InputException("--broker " + mqtt.serverUrl() + ": " + e.getMessage(), e);
        }
    }

    private static PolicyBundle current(Request r, BundleLoader loader, RobotLink link, Status status, String runningSha,
                                        PrintStream out) {
        if (r.current() != null) {
            PolicyBundle c = loader.load(r.current());
            if (!runningSha.isEmpty() && !runningSha.equals(c.manifest().onnxSha256())) {
                out.println("warning: --current " + r.current() + " is not what robot " + r.robot() + " reports running ("
                        + runningSha.substring(0, 12) + "); gating against the file anyway");
            }
            return c;
        }
        if (status == null) {
            throw new InputException("robot " + r.robot() + ": no retained status within " + STATUS_WAIT_MILLIS / 1000
                    + " s (is its controller running with --broker?); pass --current B to gate against a bundle file");
        }
        PolicyDeployment d = link.retainedPolicy();
        if (d != null && !runningSha.isEmpty()) {
            PolicyBundle c = loader.loadArchive("the bundle retained on sim2pi/" + r.robot() + "/policy",
                    d.getBundleArchive().toByteArray());
            if (c.manifest().onnxSha256().equals(runningSha)) {
                return c;
            }
        }
        throw new InputException("robot " + r.robot() + " runs " + (runningSha.isEmpty() ? "an unknown bundle"
                : runningSha.substring(0, 12)) + ", which is not the bundle retained on its policy topic; pass --current B"
                + " (the bundle it was started with)");
    }

    /** The archive to publish: signed with the operator key unless it already is, or as it is when not signing. */
    private static byte[] archive(Request r, PolicyBundle candidate, PrivateKey priv, PublicKey pub) {
        try {
            boolean ours = Ed25519Keys.encode(pub).equals(candidate.manifest().signerKey());
            byte[] bytes;
            if (!r.sign() || ours) {
                bytes = Files.isDirectory(r.bundle()) ? BundleArchive.pack(r.bundle()) : Files.readAllBytes(r.bundle());
            } else {
                Path tmp = Files.createTempDirectory("sim2pi-deploy");
                try {
                    if (Files.isDirectory(r.bundle())) {
                        for (String f : new String[] {PolicyBundle.MANIFEST_FILE, PolicyBundle.ONNX_FILE}) {
                            Files.copy(r.bundle().resolve(f), tmp.resolve(f));
                        }
                    } else {
                        BundleArchive.unpack(r.bundle(), tmp);
                    }
                    BundleSigner.sign(tmp, priv, pub);
                    bytes = BundleArchive.pack(tmp);
                } finally {
                    for (String f : new String[] {PolicyBundle.MANIFEST_FILE, PolicyBundle.ONNX_FILE}) {
                        Files.deleteIfExists(tmp.resolve(f));
                    }
                    Files.deleteIfExists(tmp);
                }
            }
            if (bytes.length > CommandRules.DEFAULT_MAX_MESSAGE_BYTES) {
                throw new InputException(r.bundle() + ": archive of " + bytes.length + " bytes; a robot takes bundles of at"
                        + " most " + CommandRules.DEFAULT_MAX_MESSAGE_BYTES + " bytes in one message (no chunking)");
            }
            return bytes;
        } catch (IOException e) {
            throw new InputException(r.bundle() + ": cannot pack the bundle (" + e.getMessage() + ")", e);
        }
    }

    private static void publishDecision(RobotLink link, Request r, String decision, DeployGate.Decision gate)
            throws MqttException {
        String message = gate == null ? "gate skipped (--gate-episodes 0) for " + r.bundle() : gate.describe();
        link.publishDecision(Event.newBuilder().setSchemaVersion(WireSchema.VERSION).setRobotId(r.robot())
                .setUnixMillis(System.currentTimeMillis()).setKind("gate_" + decision).setMessage(message).build());
    }

    private static Result finish(Request r, PrintStream out, DeployGate.Decision gate, Result result, RobotLink link) {
        ByteArrayOutputStream figures = new ByteArrayOutputStream();
        result.figures().print(new PrintStream(figures, true, StandardCharsets.UTF_8));
        String line = figures.toString(StandardCharsets.UTF_8).strip();
        try {
            Path parent = r.log().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            String entry = Instant.now() + " robot=" + r.robot() + " bundle=" + r.bundle() + "\n"
                    + (gate == null ? "" : "  " + gate.describe() + "\n")
                    + "  " + result.summary() + "\n  " + line + "\n";
            Files.writeString(r.log(), entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the deployment log " + r.log() + ": " + e.getMessage(), e);
        }
        out.println(result.summary());
        return result;
    }
}
