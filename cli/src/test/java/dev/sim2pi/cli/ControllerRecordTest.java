package dev.sim2pi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.bundle.BundleLoader;
import dev.sim2pi.models.bundle.PolicyManifest;
import dev.sim2pi.telemetry.record.DatasetReader;
import dev.sim2pi.telemetry.wire.proto.SessionAnnouncement;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code controller run --record DIR}: the embedded broker and recorder write a dataset that says
 * what made it (the policy that ran, the task and its version) next to the frames.
 */
class ControllerRecordTest {

    private static final Path BALANCER = Path.of("..", "models", "policies", "balancer");

    @Test
    void aRecordedRunNamesItsPolicyAndTaskVersionInTheDataset(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        CliRun r = CliRun.of("controller", "run", "--bundle", BALANCER.toString(), "--allow-unsigned", "--hardware", "sim",
                "--arm", "--runtime", "java", "--duration", "1", "--warmup-periods", "2000", "--robot", "rec1",
                "--spool", tmp.resolve("spool").toString(), "--record", data.toString());
        assertEquals(0, r.exitCode(), r.err());

        PolicyManifest manifest = BundleLoader.create().allowingUnsigned().load(BALANCER).manifest();
        List<Path> sets = DatasetReader.find(data);
        assertEquals(1, sets.size(), "one session recorded: " + sets);
        DatasetReader reader = new DatasetReader(sets.get(0));
        SessionAnnouncement a = reader.announcement().orElseThrow();
        assertEquals(manifest.taskId() + "@" + manifest.onnxSha256().substring(0, 12), a.getPolicyId(),
                "the dataset names the bundle that produced its actions");
        assertEquals(manifest.taskId(), a.getTaskId());
        assertEquals(manifest.taskVersion(), a.getTaskVersion());
        assertTrue(reader.readAll().size() > 0, "frames recorded");
    }
}
