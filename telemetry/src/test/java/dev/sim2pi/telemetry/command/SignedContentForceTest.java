package dev.sim2pi.telemetry.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sim2pi.telemetry.wire.proto.Command;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A forced load is signed as forced, and a load without the flag keeps the bytes it always had. */
class SignedContentForceTest {

    private static Command load(boolean force) {
        return Command.newBuilder().setCommandId("c1").setKind(Command.Kind.LOAD_BUNDLE).setUnixMillis(5)
                .setBundleSha256("ab".repeat(32)).setForce(force).build();
    }

    @Test
    void forceIsCoveredBySignatureAndAbsentWhenUnset() {
        byte[] plain = SignedContent.of("r1", load(false));
        byte[] forced = SignedContent.of("r1", load(true));
        assertFalse(Arrays.equals(plain, forced), "a signature over a plain load must not verify a forced one");
        assertArrayEquals(plain, Arrays.copyOf(forced, plain.length), "the flag is appended, nothing else moves");
        assertArrayEquals(plain, SignedContent.of("r1", load(false).toBuilder().clearForce().build()));
    }
}
