package dev.sim2pi.telemetry.monitor;

import dev.sim2pi.models.InputException;
import dev.sim2pi.telemetry.command.CommandSigner;
import dev.sim2pi.telemetry.wire.WireSchema;
import dev.sim2pi.telemetry.wire.proto.Command;
import dev.sim2pi.telemetry.wire.proto.CommandAck;
import dev.sim2pi.telemetry.wire.proto.Status;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.Iterator;

/**
 * The monitor's buttons: makes each command, signed with the operator key the monitor was
 * started with (the browser never holds it), and follows it from "sent" to the robot's answer. A
 * robot refuses an unsigned arm, so without a key only stop and e-stop go out. A stop or e-stop
 * shows "robot stopped" only once the robot acknowledges it or reports the stopped state.
 */
final class OperatorCommands {

    /** States a command is shown in. */
    static final String SENT = "sent";
    static final String STOPPED = "robot stopped";
    static final String ACCEPTED = "accepted";
    static final String REFUSED = "refused";

    private static final int KEPT = 32;
    private static final int MAX_TEXT = 200;

    /** One command and what became of it. */
    static final class Tracked {
        final String id;
        final String robot;
        final Command.Kind kind;
        final long sentUnixMillis;
        String state = SENT;
        String message = "";

        Tracked(String id, String robot, Command.Kind kind, long sentUnixMillis) {
            this.id = id;
            this.robot = robot;
            this.kind = kind;
            this.sentUnixMillis = sentUnixMillis;
        }
    }

    private final CommandSigner signer;
    private final SecureRandom random = new SecureRandom();
    private final ArrayDeque<Tracked> recent = new ArrayDeque<>();

    /** @param signer the operator's key, or null: then only stop and e-stop can be sent */
    OperatorCommands(CommandSigner signer) {
        this.signer = signer;
    }

    boolean canSign() {
        return signer != null;
    }

    /** The command to publish; signed whenever there is a key, refused when it must be and cannot. */
    Command build(String robot, Command.Kind kind) {
        if (signer != null) {
            return signer.sign(robot, Command.newBuilder().setKind(kind));
        }
        if (kind != Command.Kind.STOP && kind != Command.Kind.ESTOP) {
            throw new InputException(kind + " must be signed and this monitor has no key: start it with --key PREFIX "
                    + "(an operator key the robot trusts); stop and e-stop work without one");
        }
        byte[] id = new byte[8];
        random.nextBytes(id);
        return Command.newBuilder().setSchemaVersion(WireSchema.VERSION).setCommandId("monitor-" + HexFormat.of().formatHex(id))
                .setKind(kind).setUnixMillis(System.currentTimeMillis()).setOrigin("monitor").build();
    }

    synchronized void sent(String robot, Command c) {
        recent.addFirst(new Tracked(c.getCommandId(), robot, c.getKind(), c.getUnixMillis()));
        while (recent.size() > KEPT) {
            recent.removeLast();
        }
    }

    /** The robot's acknowledgement; true if it answers a command sent from here. */
    synchronized boolean acknowledged(String robot, CommandAck ack) {
        for (Tracked t : recent) {
            if (t.id.equals(ack.getCommandId()) && t.robot.equals(robot)) {
                boolean stopping = t.kind == Command.Kind.STOP || t.kind == Command.Kind.ESTOP;
                t.state = ack.getAccepted() ? (stopping ? STOPPED : ACCEPTED) : REFUSED;
                t.message = clip(ack.getAccepted() ? ack.getMessage()
                        : ack.getReason() + (ack.getMessage().isEmpty() ? "" : ": " + ack.getMessage()));
                return true;
            }
        }
        return false;
    }

    /** A robot's state: stopped or e-stopped answers the stops still waiting for it. */
    synchronized void status(String robot, Status.State state) {
        if (state != Status.State.STOPPED && state != Status.State.ESTOPPED) {
            return;
        }
        for (Iterator<Tracked> it = recent.iterator(); it.hasNext(); ) {
            Tracked t = it.next();
            if (t.robot.equals(robot) && SENT.equals(t.state)
                    && (t.kind == Command.Kind.ESTOP || (t.kind == Command.Kind.STOP && state == Status.State.STOPPED))) {
                t.state = STOPPED;
                t.message = "status " + state;
            }
        }
    }

    synchronized void json(Json j) {
        j.key("canSign").value(signer != null);
        j.key("commands").beginArray();
        for (Tracked t : recent) {
            j.begin().key("id").value(t.id).key("robot").value(t.robot).key("kind").value(t.kind.name())
                    .key("state").value(t.state).key("message").value(t.message).key("sentUnixMillis").value(t.sentUnixMillis)
                    .end();
        }
        j.endArray();
    }

    private static String clip(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
    }
}
