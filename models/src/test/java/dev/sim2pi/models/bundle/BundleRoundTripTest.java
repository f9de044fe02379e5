package dev.sim2pi.models.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.bundle.inference.JavaPolicyRunner;
import dev.sim2pi.models.bundle.inference.OnnxPolicyRunner;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.models.task.Tasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BundleRoundTripTest {

    @TempDir
    Path tmp;

    /** Every shipped task plus the test tasks, so the round trip is never empty. */
    static Stream<RobotTask> tasks() {
        List<RobotTask> all = new ArrayList<>();
        for (String id : Tasks.ids()) {
            all.add(Tasks.byId(id));
        }
        all.addAll(TestTasks.all());
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void exportLoadGoldenCheckAndInferenceAgree(RobotTask task) throws Exception {
        ActorNetwork actor = TestTasks.randomActor(task, new int[] {32, 32}, Activation.RELU, 7, true);
        Path dir = tmp.resolve(task.id());
        PolicyExporter.export(task, actor, TestTasks.provenance(11), dir, null);
        assertTrue(Files.isRegularFile(dir.resolve("policy.onnx")));

        PolicyBundle bundle = BundleLoader.create().expecting(task).allowingUnsigned().load(dir);
        PolicyManifest m = bundle.manifest();
        assertEquals(task.id(), m.taskId());
        assertEquals(task.observationLayout(), m.observation());
        assertEquals(task.actions(), m.action());
        assertEquals(task.controlRateHz(), m.controlRateHz(), 1e-12);
        assertEquals(8, m.golden().size());
        assertEquals(TestTasks.provenance(11), m.provenance());
        assertEquals(actor.layerSizes(), bundle.actor().layerSizes());

        try (OnnxPolicyRunner onnx = bundle.openOnnx(); JavaPolicyRunner java = bundle.javaRunner()) {
            float[] a = new float[task.actions().size()];
            float[] b = new float[task.actions().size()];
            for (GoldenPair pair : m.golden()) {
                onnx.act(pair.observation(), 0, a, 0);
                java.act(pair.observation(), 0, b, 0);
                for (int j = 0; j < a.length; j++) {
                    assertTrue(GoldenCheck.close(a[j], pair.action()[j]), "onnx vs golden " + a[j] + " " + pair.action()[j]);
                    assertTrue(GoldenCheck.close(b[j], pair.action()[j]), "java vs golden " + b[j] + " " + pair.action()[j]);
                    assertTrue(a[j] >= task.actions().get(j).low() && a[j] <= task.actions().get(j).high());
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void sameActorAndSeedExportToIdenticalFiles() throws Exception {
        java.security.KeyPair keys = Ed25519Keys.generate();
        ActorNetwork actor = TestTasks.randomActor(TestTasks.BALANCER, new int[] {8}, Activation.RELU, 2, true);
        PolicyExporter.export(TestTasks.BALANCER, actor, TestTasks.provenance(8), tmp.resolve("a"), keys);
        PolicyExporter.export(TestTasks.BALANCER, actor, TestTasks.provenance(8), tmp.resolve("b"), keys);
        for (String f : new String[] {PolicyBundle.ONNX_FILE, PolicyBundle.MANIFEST_FILE}) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)), Files.readAllBytes(tmp.resolve("b").resolve(f)), f);
        }
        BundleArchive.pack(tmp.resolve("a"), tmp.resolve("a.s2p"));
        BundleArchive.pack(tmp.resolve("b"), tmp.resolve("b.s2p"));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("a.s2p")), Files.readAllBytes(tmp.resolve("b.s2p")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void archiveFormLoadsTheSameBundle(RobotTask task) throws Exception {
        ActorNetwork actor = TestTasks.randomActor(task, new int[] {16}, Activation.TANH, 3, false);
        Path dir = tmp.resolve(task.id());
        PolicyBundle exported = PolicyExporter.export(task, actor, TestTasks.provenance(5), dir, null);
        Path archive = tmp.resolve(task.id() + PolicyBundle.ARCHIVE_EXTENSION);
        BundleArchive.pack(dir, archive);
        PolicyBundle loaded = BundleLoader.create().expecting(task).allowingUnsigned().load(archive);
        assertArrayEquals(exported.onnx(), loaded.onnx());
        assertEquals(exported.manifest().provenance(), loaded.manifest().provenance());
        for (int i = 0; i < exported.manifest().golden().size(); i++) {
            assertArrayEquals(exported.manifest().golden().get(i).action(), loaded.manifest().golden().get(i).action());
        }
    }
}
