package dev.sim2pi.trainer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSummaryTest {

    @TempDir
    Path dir;

    @Test
    void aRunWithoutAnEvaluationRecordsNullNotTheStringNaN() throws Exception {
        Path file = dir.resolve("summary.json");
        new RunSummary("pendulum-v1", 1, 0, 1.5, Double.NaN, Double.NaN, null, null, "java", 0, null, null).write(file);
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertTrue(json.get("final_eval_return_mean").isNull(), Files.readString(file));
        assertTrue(json.get("final_eval_return_std").isNull(), Files.readString(file));
        assertEquals(1.5, json.get("wall_seconds").asDouble());
    }

    @Test
    void evaluatedReturnsAreNumbers() throws Exception {
        Path file = dir.resolve("summary.json");
        new RunSummary("pendulum-v1", 1, 10, 1.5, -157.25, 3.5, 10L, 1.0, "java", 2, null, null).write(file);
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals(-157.25, json.get("final_eval_return_mean").doubleValue());
        assertTrue(json.get("final_eval_return_std").isNumber());
    }
}
