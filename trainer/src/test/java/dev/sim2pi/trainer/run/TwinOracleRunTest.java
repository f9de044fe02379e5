package dev.sim2pi.trainer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.bundle.BundleLoader;
import dev.sim2pi.models.bundle.PolicyBundle;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --twin-params F}: the oracle trains on that one robot, and its bundle says so. */
class TwinOracleRunTest {

    @Test
    void aRunOnATwinTrainsOnItsExactParameters(@TempDir Path dir) throws Exception {
        Path twin = dir.resolve("cartpole-twin.json");
        try (InputStream in = getClass().getResourceAsStream("/dev/sim2pi/sim/twin/cartpole-twin.json")) {
            Files.write(twin, in.readAllBytes());
        }
        Path config = dir.resolve("short.json");
        Files.writeString(config, "{\"task\": \"cartpole\", \"learning_starts\": 256, \"batch_size\": 64, "
                + "\"eval_interval\": 400, \"eval_episodes\": 2, \"checkpoint_interval\": 0}");
        Path out = dir.resolve("run");
        new TrainingRun(new TrainOptions("cartpole", config, 2, 800L, "cpu", out, false, System.nanoTime(), false,
                true, twin), System.out).run();
        PolicyBundle b = BundleLoader.create().allowingUnsigned().load(out.resolve("bundle"));
        String command = (String) b.manifest().provenance().trainerConfig().get("command");
        assertTrue(command.contains(" --twin-params " + twin), command);
        Map<String, Object> ranges = b.manifest().provenance().randomization();
        assertTrue(ranges.containsKey("backlash"), "the twin's own parameters are recorded: " + ranges.keySet());
        for (Object r : ranges.values()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) r;
            assertEquals(p.get("low"), p.get("high"), "a twin draws nothing: " + p);
        }
    }
}
