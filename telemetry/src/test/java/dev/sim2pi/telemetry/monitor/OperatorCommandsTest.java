package dev.sim2pi.telemetry.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.InputException;
import dev.sim2pi.telemetry.command.CommandSigner;
import dev.sim2pi.telemetry.wire.proto.Command;
import dev.sim2pi.telemetry.wire.proto.CommandAck;
import dev.sim2pi.telemetry.wire.proto.Status;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class OperatorCommandsTest {

    @Test
    void withoutAKeyOnlyStopsGoOutAndTheyAreUnsigned() {
        OperatorCommands c = new OperatorCommands(null);
        assertThrows(InputException.class, () -> c.build("r1", Command.Kind.ARM));
        Command estop = c.build("r1", Command.Kind.ESTOP);
        assertFalse(estop.hasSignature());
        assertEquals(Command.Kind.ESTOP, estop.getKind());
    }

    @Test
    void withAKeyEveryCommandIsSignedAndItsFateFollowsTheRobotsAnswer() throws Exception {
        KeyPair k = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        OperatorCommands c = new OperatorCommands(new CommandSigner(k.getPrivate(), k.getPublic(), InstantSource.system(),
                new SecureRandom(), "monitor"));
        Command estop = c.build("r1", Command.Kind.ESTOP);
        Command arm = c.build("r1", Command.Kind.ARM);
        assertTrue(estop.hasSignature() && arm.hasSignature());
        assertTrue(MonitorBrowserTest.verifies(k.getPublic(), "r1", arm));
        assertFalse(MonitorBrowserTest.verifies(k.getPublic(), "r2", arm), "signed for r1 only");
        c.sent("r1", estop);
        c.sent("r1", arm);
        assertEquals(OperatorCommands.SENT, state(c, estop));
        assertFalse(c.acknowledged("r2", CommandAck.newBuilder().setCommandId(estop.getCommandId()).setAccepted(true).build()),
                "another robot cannot answer for r1");
        c.status("r2", Status.State.ESTOPPED);
        assertEquals(OperatorCommands.SENT, state(c, estop));
        c.status("r1", Status.State.ESTOPPED);
        assertEquals(OperatorCommands.STOPPED, state(c, estop), "the robot reports it is e-stopped");
        assertTrue(c.acknowledged("r1", CommandAck.newBuilder().setCommandId(arm.getCommandId()).setAccepted(false)
                .setReason("replayed").build()));
        assertEquals(OperatorCommands.REFUSED, state(c, arm));
    }

    private static String state(OperatorCommands c, Command cmd) {
        Json j = new Json().begin();
        c.json(j);
        String json = j.end().toString();
        int at = json.indexOf(cmd.getCommandId());
        int s = json.indexOf("\"state\":\"", at) + 9;
        return json.substring(s, json.indexOf('"', s));
    }
}
