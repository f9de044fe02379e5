package dev.sim2pi.sim.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.InputException;
import dev.sim2pi.sim.Parameter;
import dev.sim2pi.sim.ParameterSpace;
import dev.sim2pi.sim.Rng;
import dev.sim2pi.sim.robots.BalancerPlant;
import dev.sim2pi.sim.robots.CartPolePlant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomizationConfigTest {

    @TempDir
    Path dir;

    private static List<ParameterSpace> shipped() {
        return List.of(BalancerPlant.shippedRanges(), CartPolePlant.shippedRanges());
    }

    @Test
    void shippedConfigsRandomizeLatencyAndObservationDelayInWholeSteps() {
        for (ParameterSpace space : shipped()) {
            for (String name : List.of("action_latency_steps", "observation_delay_steps")) {
                Parameter p = space.parameters().get(space.indexOf(name));
                assertEquals(Parameter.Distribution.INTEGER, p.distribution(), name);
                assertEquals("steps", p.unit());
            }
        }
    }

    @Test
    void drawsStayInRangeAndCoverIt() {
        for (ParameterSpace space : shipped()) {
            int n = space.size();
            double[] min = new double[n];
            double[] max = new double[n];
            Arrays.fill(min, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
            double[] draw = new double[n];
            Rng rng = new Rng(11);
            for (int k = 0; k < 4000; k++) {
                space.draw(rng, draw, 0);
                for (int i = 0; i < n; i++) {
                    min[i] = Math.min(min[i], draw[i]);
                    max[i] = Math.max(max[i], draw[i]);
                }
            }
            for (int i = 0; i < n; i++) {
                Parameter p = space.parameters().get(i);
                assertTrue(min[i] >= p.low() && max[i] <= p.high(), p.name() + " left [low, high]");
                double tolerance = p.distribution() == Parameter.Distribution.INTEGER ? 0 : 0.01 * (p.high() - p.low());
                assertEquals(p.low(), min[i], tolerance, p.name() + " does not reach its low end");
                assertEquals(p.high(), max[i], tolerance, p.name() + " does not reach its high end");
            }
        }
    }

    @Test
    void drawsAreReproducibleFromSeedEnvAndEpisode() {
        ParameterSpace space = BalancerPlant.shippedRanges();
        double[] a = new double[space.size()];
        double[] b = new double[space.size()];
        double[] c = new double[space.size()];
        Rng rng = new Rng(0);
        rng.reseed(Rng.mix(42, 7, 3));
        space.draw(rng, a, 0);
        rng.reseed(Rng.mix(42, 8, 3));
        space.draw(rng, c, 0);
        rng.reseed(Rng.mix(42, 7, 3));
        space.draw(rng, b, 0);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c), "another env draws another robot");
    }

    @Test
    void nominalIsWhatTheConfigSays() {
        ParameterSpace space = BalancerPlant.shippedRanges();
        double[] p = new double[space.size()];
        space.nominal(p, 0);
        assertEquals(1.0, p[space.indexOf("body_mass")]);
        assertEquals(1, p[space.indexOf("action_latency_steps")]);
    }

    private String shippedText() throws Exception {
        try (var in = getClass().getResourceAsStream("/dev/sim2pi/sim/randomization/cartpole.json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private InputException badFile(String text) throws Exception {
        Path file = dir.resolve("cartpole.json");
        Files.writeString(file, text);
        return assertThrows(InputException.class, () -> CartPolePlant.rangesFrom(file));
    }

    @Test
    void aUserFileLoadsLikeTheShippedOne() throws Exception {
        Path file = dir.resolve("cartpole.json");
        Files.writeString(file, shippedText().replace("\"nominal\": 0.5,", "\"nominal\": 0.55,"));
        ParameterSpace space = CartPolePlant.rangesFrom(file);
        assertEquals(0.55, space.parameters().get(space.indexOf("cart_mass")).nominal());
    }

    @Test
    void badFilesAreRefusedNamingFileAndField() throws Exception {
        InputException e = badFile(shippedText().replace("\"cart_mass\"", "\"cart_weight\""));
        assertTrue(e.getMessage().contains("cartpole.json") && e.getMessage().contains("cart_weight"), e.getMessage());

        e = badFile(shippedText().replace("\"unit\": \"kg\",\n      \"nominal\": 0.5", "\"unit\": \"g\",\n      \"nominal\": 0.5"));
        assertTrue(e.getMessage().contains("parameters.cart_mass.unit") && e.getMessage().contains("\"kg\""), e.getMessage());

        e = badFile(shippedText().replace("\"nominal\": 0.5,", "\"nominal\": 0.9,"));
        assertTrue(e.getMessage().contains("parameters.cart_mass") && e.getMessage().contains("low <= nominal <= high"),
                e.getMessage());

        e = badFile(shippedText().replace("\"nominal\": 0.5,", "\"nominal\": \"heavy\","));
        assertTrue(e.getMessage().contains("parameters.cart_mass.nominal: expected a finite number"), e.getMessage());

        e = badFile(shippedText().replace("\"distribution\": \"integer\"", "\"distribution\": \"poisson\""));
        assertTrue(e.getMessage().contains("action_latency_steps.distribution"), e.getMessage());

        e = badFile("{\"parameters\": {\"cart_mass\": ");
        assertTrue(e.getMessage().contains("cartpole.json: not valid JSON at line 1"), e.getMessage());

        e = badFile("{\"parameters\": {}}");
        assertTrue(e.getMessage().contains("\"cart_mass\" is missing (unit kg)"), e.getMessage());

        e = assertThrows(InputException.class, () -> CartPolePlant.rangesFrom(dir.resolve("nope.json")));
        assertTrue(e.getMessage().contains("nope.json: no such file"), e.getMessage());
    }

    @Test
    void wholeStepParametersNeedWholeBounds() throws Exception {
        String text = shippedText();
        int at = text.indexOf("\"action_latency_steps\"");
        String broken = text.substring(0, at) + text.substring(at).replaceFirst("\"high\": 1", "\"high\": 1.5");
        InputException e = badFile(broken);
        assertTrue(e.getMessage().contains("action_latency_steps: integer distribution needs whole numbers"), e.getMessage());
    }
}
