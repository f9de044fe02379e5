package dev.sim2pi.cli;

import com.sun.management.ThreadMXBean;
import dev.sim2pi.models.Figures;
import dev.sim2pi.models.InputException;
import dev.sim2pi.models.bundle.Activation;
import dev.sim2pi.models.bundle.BundleLoader;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.bundle.RandomPolicy;
import dev.sim2pi.models.bundle.inference.Device;
import dev.sim2pi.models.bundle.inference.PolicyRunner;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Single-observation policy latency: ONNX Runtime (tuned session, pinned output) and the plain-Java forward. */
@Command(name = "policy", description = "Policy inference latency per call (ONNX Runtime and plain Java) and bytes allocated per call.")
final class BenchPolicyCommand implements Runnable {

    static final class Source {
        @Option(names = "--bundle", paramLabel = "B", description = "Bundle folder or .s2p archive (any signer or none accepted).")
        Path bundle;

        @Option(names = "--shape", paramLabel = "NxHx..xM", description = "Random network of these widths, e.g. 8x64x64x2.")
        String shape;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--seconds", defaultValue = "5", description = "Measured seconds per runner, interleaved (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for random weights and observations (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--activation", defaultValue = "relu", description = "Hidden activation of a --shape network: relu or tanh.")
    String activation;

    @Option(names = "--device", defaultValue = "CPU", description = "CPU or CUDA (falls back to CPU with one line).")
    Device device;

    @Override
    public void run() {
        if (!(seconds > 0)) {
            throw new InputException("--seconds " + seconds + ": expected a positive duration");
        }
        PolicyBundle bundle = source.bundle != null
                ? BundleLoader.create().allowingUnsigned().acceptingAnySigner().load(source.bundle)
                : randomBundle(ShapeTask.parseShape(source.shape));
        System.out.println("policy " + bundle.manifest().taskId() + " " + bundle.actor().layerSizes() + " "
                + bundle.actor().hidden().id() + ", " + seconds + " s per runner, seed " + seed);
        float[][] observations = observations(bundle.actor().observationSize());
        Result onnx;
        Result java;
        try (PolicyRunner o = bundle.openOnnx(device, System.out); PolicyRunner j = bundle.javaRunner()) {
            Result[] both = measure(o, j, observations);
            onnx = both[0];
            java = both[1];
        }
        print("onnxruntime", onnx);
        print("java", java);
        System.out.printf(Locale.ROOT, "onnxruntime p50 / java p50 = %.2f%n", onnx.p50() / java.p50());
        new Figures().put("p50_us", onnx.p50()).put("p99_us", onnx.p99()).put("p999_us", onnx.p999())
                .put("alloc_bytes_per_call", onnx.allocPerCall()).put("java_p50_us", java.p50()).print(System.out);
    }

    private PolicyBundle randomBundle(int[] widths) {
        Activation act;
        try {
            act = Activation.of(activation);
        } catch (IllegalArgumentException e) {
            throw new InputException("--activation " + activation + ": expected relu or tanh");
        }
        int[] hidden = java.util.Arrays.copyOfRange(widths, 1, widths.length - 1);
        return RandomPolicy.bundle(new ShapeTask(widths[0], widths[widths.length - 1]), hidden, act, seed);
    }

    private float[][] observations(int n) {
        Random r = new Random(seed + 1);
        float[][] out = new float[1024][n];
        for (float[] obs : out) {
            for (int i = 0; i < n; i++) {
                obs[i] = (float) r.nextGaussian();
            }
        }
        return out;
    }

    record Result(double p50, double p99, double p999, double allocPerCall, long calls) {
    }

    /**
     * Warms both runners up, then times every call, alternating blocks of calls between the two
     * so that both see the same machine load (other processes come and go on a shared machine).
     */
    private Result[] measure(PolicyRunner onnx, PolicyRunner java, float[][] observations) {
        float[] action = new float[onnx.actionSize()];
        long warmUntil = System.nanoTime() + (long) (seconds * 2e8);
        for (int i = 0; i < 20_000 || System.nanoTime() < warmUntil; i++) {
            onnx.act(observations[i & 1023], 0, action, 0);
            java.act(observations[i & 1023], 0, action, 0);
        }
        Timer onnxTimer = new Timer();
        Timer javaTimer = new Timer();
        long end = System.nanoTime() + (long) (2 * seconds * 1e9);
        while (System.nanoTime() < end) {
            onnxTimer.block(onnx, observations, action);
            javaTimer.block(java, observations, action);
        }
        return new Result[] {onnxTimer.result(), javaTimer.result()};
    }

    /** Times blocks of calls of one runner into a histogram, counting bytes allocated. */
    private static final class Timer {
        private static final int BLOCK = 2_000;
        private final Histogram histogram = new Histogram(10_000_000_000L, 3);
        private final ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        private long calls;
        private long allocated;

        void block(PolicyRunner runner, float[][] observations, float[] action) {
            long before = mx.getCurrentThreadAllocatedBytes();
            long now = System.nanoTime();
            for (int i = 0; i < BLOCK; i++) {
                runner.act(observations[(int) (calls++ & 1023)], 0, action, 0);
                long after = System.nanoTime();
                histogram.recordValue(after - now);
                now = after;
            }
            allocated += mx.getCurrentThreadAllocatedBytes() - before;
        }

        Result result() {
            return new Result(histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(99) / 1e3,
                    histogram.getValueAtPercentile(99.9) / 1e3, (double) allocated / calls, calls);
        }
    }

    private static void print(String name, Result r) {
        System.out.printf(Locale.ROOT, "%-12s p50 %7.2f us  p99 %7.2f us  p99.9 %7.2f us  %8.1f B/call  (%d calls)%n",
                name, r.p50(), r.p99(), r.p999(), r.allocPerCall(), r.calls());
    }
}
