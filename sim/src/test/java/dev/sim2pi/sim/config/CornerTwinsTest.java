package dev.sim2pi.sim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.sim.Parameter;
import dev.sim2pi.sim.ParameterSpace;
import dev.sim2pi.sim.robots.BalancerPlant;
import dev.sim2pi.sim.robots.Twins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The corner twins in {@code models/twins/} load as balancer twins and, as their descriptions
 * claim, keep every randomized parameter inside the training ranges: they test robustness within
 * the randomization, not beyond it.
 */
class CornerTwinsTest {

    private static final Path TWINS = Path.of(System.getProperty("sim2pi.home", "..")).resolve("models/twins");

    @Test
    void everyCornerTwinLiesInsideTheShippedRanges() throws Exception {
        List<Path> corners;
        try (Stream<Path> files = Files.list(TWINS)) {
            corners = files.filter(f -> f.getFileName().toString().startsWith("balancer-corner-")).sorted().toList();
        }
        assertEquals(4, corners.size(), "corner twins in " + TWINS);
        ParameterSpace ranges = BalancerPlant.shippedRanges();
        for (Path corner : corners) {
            ParameterSpace twin = Twins.load("balancer", corner).parameters();
            int atAnEnd = 0;
            for (Parameter range : ranges.parameters()) {
                double value = twin.parameters().get(twin.indexOf(range.name())).nominal();
                assertTrue(range.low() <= value && value <= range.high(),
                        corner.getFileName() + ": " + range.name() + "=" + value + " outside [" + range.low() + ", "
                                + range.high() + "]");
                if (range.low() < range.high() && (value == range.low() || value == range.high())) {
                    atAnEnd++;
                }
            }
            assertTrue(atAnEnd >= 2, corner.getFileName() + " has only " + atAnEnd + " parameters at a range end");
        }
    }
}
