package dev.sim2pi.cli;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import dev.sim2pi.bridge.pi4j.QuadratureEncoder;
import dev.sim2pi.models.Figures;
import dev.sim2pi.models.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures how many quadrature edges per second go through Pi4J's event dispatch and the
 * encoder's decoding, on Pi4J's mock platform: the ceiling of the Java side. On a Pi the GPIO
 * driver's event delivery comes on top and lowers it.
 */
@Command(name = "encoder", description = "Quadrature edges per second through Pi4J's listener dispatch (mock platform).")
final class EncoderBenchCommand implements Callable<Integer> {

    @Option(names = "--edges", defaultValue = "2000000", description = "Edges to feed (default ${DEFAULT-VALUE}).")
    int edges;

    @Override
    public Integer call() {
        Context pi4j = Pi4J.newContextBuilder().add(new MockPlatform()).add(MockDigitalInputProvider.newInstance()).build();
        try {
            MockDigitalInput a = (MockDigitalInput) pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("a").address(17).build());
            MockDigitalInput b = (MockDigitalInput) pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("b").address(27).build());
            QuadratureEncoder encoder = new QuadratureEncoder(a, b, Clock.system(), 1320, false, 10_000_000L);
            turn(a, b, edges / 10);
            long start = System.nanoTime();
            turn(a, b, edges);
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = edges / seconds;
            long expected = (edges / 10 / 4 + edges / 4) * 4L;
            System.out.printf("%d edges in %.3f s: %.0f edges/s through Pi4J dispatch and decoding; ticks %d of %d, errors %d%n",
                    edges, seconds, rate, encoder.ticks(), expected, encoder.errors());
            System.out.println("On a Pi, the gpiod event path adds its own per-edge cost: stay well below this figure.");
            new Figures().put("edges_per_second", rate).put("ticks", encoder.ticks()).put("errors", encoder.errors()).print(System.out);
            encoder.close();
            return encoder.errors() == 0 ? 0 : 1;
        } finally {
            pi4j.shutdown();
        }
    }

    /** Feeds whole quadrature cycles, A leading B. */
    private static void turn(MockDigitalInput a, MockDigitalInput b, int edges) {
        for (int i = 0; i < edges / 4; i++) {
            a.mockState(DigitalState.HIGH);
            b.mockState(DigitalState.HIGH);
            a.mockState(DigitalState.LOW);
            b.mockState(DigitalState.LOW);
        }
    }
}
