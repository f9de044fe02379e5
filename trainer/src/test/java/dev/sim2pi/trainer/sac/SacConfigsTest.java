package dev.sim2pi.trainer.sac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SacConfigsTest {

    @Test
    void shippedPendulumConfigDeclaresItsSolvedThreshold() {
        SacConfig c = SacConfigs.defaults("pendulum-v1");
        assertEquals(-200.0, c.solvedThreshold());
        assertEquals(20000, c.maxEnvSteps());
    }

    @Test
    void userFileOverridesFieldsAndUnknownFieldsAreNamed(@TempDir Path dir) throws Exception {
        Path ok = dir.resolve("ok.json");
        Files.writeString(ok, "{\"batch_size\": 32}");
        assertEquals(32, SacConfigs.load("pendulum-v1", ok).batchSize());
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"batch_sise\": 32}");
        InputException e = assertThrows(InputException.class, () -> SacConfigs.load("pendulum-v1", bad));
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("batch_sise"), e.getMessage());
        Path wrong = dir.resolve("wrong.json");
        Files.writeString(wrong, "{\"gamma\": 1.5}");
        e = assertThrows(InputException.class, () -> SacConfigs.load("pendulum-v1", wrong));
        assertTrue(e.getMessage().contains("gamma"), e.getMessage());
    }
}
