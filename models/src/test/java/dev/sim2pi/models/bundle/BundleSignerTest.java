package dev.sim2pi.models.bundle;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleSignerTest {

    @TempDir
    Path tmp;

    @Test
    void resigningMovesTrustFromTheOldKeyToTheNew() throws Exception {
        KeyPair first = Ed25519Keys.generate();
        KeyPair second = Ed25519Keys.generate();
        PolicyExporter.export(TestTasks.PENDULUM, TestTasks.randomActor(TestTasks.PENDULUM, new int[] {8}, Activation.RELU, 1, false),
                TestTasks.provenance(1), tmp, first);
        BundleSigner.sign(tmp, second.getPrivate(), second.getPublic());
        assertTrue(BundleLoader.create().trusting(second.getPublic()).load(tmp).manifest().signed());
        assertThrows(BundleException.class, () -> BundleLoader.create().trusting(first.getPublic()).load(tmp));
    }
}
