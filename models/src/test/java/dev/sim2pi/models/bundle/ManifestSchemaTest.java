package dev.sim2pi.models.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped JSON Schema and the manifest the exporter writes describe the same fields. */
class ManifestSchemaTest {

    @TempDir
    Path tmp;

    @Test
    void schemaRequiresExactlyTheFieldsTheExporterWritesAndStatesTheVersion() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode schema;
        try (InputStream in = PolicyManifest.class.getResourceAsStream("policy-manifest.schema.json")) {
            assertNotNull(in, "schema resource");
            schema = json.readTree(in);
        }
        assertEquals(PolicyManifest.SCHEMA_VERSION, schema.at("/properties/schemaVersion/const").asInt());

        PolicyExporter.export(TestTasks.PENDULUM, TestTasks.randomActor(TestTasks.PENDULUM, new int[] {8}, Activation.RELU, 1, false),
                TestTasks.provenance(1), tmp, Ed25519Keys.generate());
        JsonNode manifest = json.readTree(tmp.resolve(PolicyBundle.MANIFEST_FILE).toFile());
        // version and parent are written always but optional to read (bundles made before them default to 1, none).
        assertEquals(names(manifest), union(strings(schema.get("required")), Set.of("signature", "version", "parent")));
        assertEquals(names(schema.get("properties")), names(manifest));
        for (String nested : new String[] {"task", "actionLatency", "randomization", "provenance", "network", "onnx", "signature"}) {
            assertEquals(strings(schema.at("/properties/" + nested + "/required")), names(manifest.get(nested)), nested);
        }
        assertEquals(strings(schema.at("/$defs/layout/items/required")), names(manifest.get("observation").get(0)));
        assertEquals(strings(schema.at("/properties/golden/items/required")), names(manifest.get("golden").get(0)));
    }

    private static Set<String> names(JsonNode object) {
        Set<String> out = new TreeSet<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }
}
