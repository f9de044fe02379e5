package dev.sim2pi.models.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Bundles written by schema version 1 are kept in test resources and must keep loading.
 * {@code -Dsim2pi.writeV1Bundles=true} regenerates them (only ever for schema version 1).
 */
class SchemaV1BundleTest {

    static final Path V1 = Path.of("src/test/resources/bundles/v1");

    @Test
    void unsignedPendulumFolderWrittenBySchemaV1StillLoads() {
        PolicyBundle b = BundleLoader.create().expecting(TestTasks.PENDULUM).allowingUnsigned().load(V1.resolve("test-pendulum"));
        assertEquals(1, b.manifest().schemaVersion());
        assertEquals(java.util.List.of(3, 64, 64, 1), b.manifest().layerSizes());
        assertTrue(!b.manifest().signed());
    }

    @Test
    void signedBalancerArchiveWrittenBySchemaV1StillLoads() {
        PublicKey key = Ed25519Keys.readPublic(V1.resolve("trusted.pub"));
        PolicyBundle b = BundleLoader.create().expecting(TestTasks.BALANCER).trusting(key)
                .load(V1.resolve("test-balancer" + PolicyBundle.ARCHIVE_EXTENSION));
        assertEquals(1, b.manifest().schemaVersion());
        assertTrue(b.manifest().signed());
        // Written before bundles had a release number: the first release, no parent.
        assertEquals(PolicyManifest.FIRST_VERSION, b.manifest().version());
        assertEquals(null, b.manifest().parent());
    }

    @Test
    @EnabledIfSystemProperty(named = "sim2pi.writeV1Bundles", matches = "true")
    void writeV1Bundles() throws Exception {
        assertEquals(1, PolicyManifest.SCHEMA_VERSION, "only regenerate v1 bundles with the v1 writer");
        PolicyExporter.export(TestTasks.PENDULUM, TestTasks.randomActor(TestTasks.PENDULUM, new int[] {64, 64},
                Activation.RELU, 1, false), TestTasks.provenance(1), V1.resolve("test-pendulum"), null);
        KeyPair keys = Ed25519Keys.generate();
        Path tmp = Files.createTempDirectory("v1-balancer");
        PolicyExporter.export(TestTasks.BALANCER, TestTasks.randomActor(TestTasks.BALANCER, new int[] {64, 64},
                Activation.TANH, 2, true), TestTasks.provenance(2), tmp, keys);
        BundleArchive.pack(tmp, V1.resolve("test-balancer" + PolicyBundle.ARCHIVE_EXTENSION));
        Files.writeString(V1.resolve("trusted.pub"), Ed25519Keys.encode(keys.getPublic()) + "\n");
    }
}
