package dev.sim2pi.sim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.InputException;
import dev.sim2pi.sim.Parameter;
import dev.sim2pi.sim.ParameterSpace;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.robots.Twins;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwinParametersTest {

    @TempDir
    Path dir;

    private String shipped() throws Exception {
        try (var in = getClass().getResourceAsStream("/dev/sim2pi/sim/twin/balancer-twin.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Path write(String text) throws Exception {
        Path file = dir.resolve("my-robot.json");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aTwinFileGivesExactlyItsValuesWithLatencyStillInWholeSteps() throws Exception {
        Plant twin = Twins.load("balancer", write(shipped().replace("\"body_mass\": 1.12", "\"body_mass\": 1.31")));
        ParameterSpace space = twin.parameters();
        Parameter mass = space.parameters().get(space.indexOf("body_mass"));
        assertEquals(1.31, mass.nominal());
        assertEquals(mass.low(), mass.high());
        Parameter latency = space.parameters().get(space.indexOf("action_latency_steps"));
        assertEquals(Parameter.Distribution.INTEGER, latency.distribution());
        assertEquals(1, latency.nominal());
    }

    @Test
    void badTwinFilesAreRefusedNamingFileAndField() throws Exception {
        InputException e = assertThrows(InputException.class,
                () -> Twins.load("balancer", write(shipped().replace("  \"backlash\": 0.03,\n", ""))));
        assertTrue(e.getMessage().contains("my-robot.json") && e.getMessage().contains("\"backlash\" is missing (unit rad)"),
                e.getMessage());

        e = assertThrows(InputException.class,
                () -> Twins.load("balancer", write(shipped().replace("\"backlash\"", "\"backlash_deg\""))));
        assertTrue(e.getMessage().contains("unknown parameter \"backlash_deg\""), e.getMessage());

        e = assertThrows(InputException.class, () -> Twins.load("balancer",
                write(shipped().replace("\"action_latency_steps\": 1", "\"action_latency_steps\": 1.5"))));
        assertTrue(e.getMessage().contains("my-robot.json.action_latency_steps: expected a whole number of steps"),
                e.getMessage());

        e = assertThrows(InputException.class,
                () -> Twins.load("balancer", write(shipped().replace("\"body_mass\": 1.12", "\"body_mass\": \"heavy\""))));
        assertTrue(e.getMessage().contains("body_mass: expected a finite number"), e.getMessage());

        e = assertThrows(InputException.class, () -> Twins.load("balancer", write("[1, 2]")));
        assertTrue(e.getMessage().contains("expected a JSON object"), e.getMessage());

        e = assertThrows(InputException.class, () -> Twins.load("pendulum-v1", write(shipped())));
        assertTrue(e.getMessage().contains("no reality twin for task 'pendulum-v1'"), e.getMessage());
    }
}
