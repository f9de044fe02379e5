package dev.sim2pi.controller.cli;

import com.sun.management.ThreadMXBean;
import dev.sim2pi.bridge.wiring.Wiring;
import dev.sim2pi.controller.hardware.HardwareKind;
import dev.sim2pi.controller.hardware.Robots;
import dev.sim2pi.controller.loop.PreparedPolicy;
import dev.sim2pi.controller.loop.Waiter;
import dev.sim2pi.controller.runtime.Controller;
import dev.sim2pi.controller.runtime.LoopSummary;
import dev.sim2pi.controller.runtime.LoopWarmup;
import dev.sim2pi.controller.safety.SafetyConfig;
import dev.sim2pi.models.Figures;
import dev.sim2pi.models.InputException;
import dev.sim2pi.models.bundle.Activation;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.bundle.RandomPolicy;
import dev.sim2pi.models.bundle.inference.PolicyRunner;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.models.tasks.BalancerTask;
import dev.sim2pi.models.time.Clock;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole loop against the simulated balancer with a random 2x64 policy, armed the whole time
 * (its tilt check off: a random policy lets the robot fall, and every stage must keep running):
 * start jitter, overruns, bytes allocated per iteration on the loop thread, per-stage p99.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = {
        "Benchmark the control loop: a random 2x64 policy drives the simulated balancer in real time.",
        "Ends with key=value: iterations overruns overrun_fraction p50/p99/p999/max_jitter_us alloc_bytes_per_iter",
        "runner_alloc_bytes_per_call and <stage>_p99_us."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--rate", defaultValue = "1000", paramLabel = "HZ", description = "Loop rate (default ${DEFAULT-VALUE}).")
    double rateHz;

    @Option(names = "--seconds", defaultValue = "20", paramLabel = "S", description = "Measured seconds (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup-seconds", defaultValue = "3", paramLabel = "S",
            description = "Seconds run before measuring, so the JIT has compiled the loop (default ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(names = "--hardware", defaultValue = "sim", paramLabel = "sim|twin", description = "Simulated robot (default ${DEFAULT-VALUE}).")
    HardwareKind hardware;

    @Option(names = "--runtime", defaultValue = "onnx", paramLabel = "onnx|java", description = "Policy runner (default ${DEFAULT-VALUE}).")
    PolicyRuntime runtime;

    // A parked thread woke up to 1-2 ms late now and then on the 2-core test VM (p99.9 jitter ~1.9 ms
    // at 1 kHz with 200 us of spin, 27-52 us with 1000): sleep until 1 ms before the period, then spin.
    @Option(names = "--spin-us", defaultValue = "1000", paramLabel = "US",
            description = "Sleep until this long before each period, then spin (default ${DEFAULT-VALUE}; "
                    + "costs that share of a core per period, best on an isolated core).")
    long spinMicros;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the policy's weights and the simulated robot (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (!(rateHz > 0) || !(seconds > 0) || !(warmupSeconds >= 0)) {
            throw new InputException("--rate and --seconds must be positive, --warmup-seconds zero or more");
        }
        if (!hardware.simulated()) {
            throw new InputException("--hardware " + hardware.name().toLowerCase(Locale.ROOT)
                    + ": the bench drives a simulated robot (sim or twin); on a Pi use 'run' and read its summary");
        }
        RobotTask task = new BalancerTask();
        PolicyBundle bundle = RandomPolicy.bundle(task, new int[] {64, 64}, Activation.RELU, seed);
        boolean java = runtime == PolicyRuntime.JAVA;
        double runnerBytes = runnerBytesPerCall(bundle, java);
        long periodNanos = Math.round(1e9 / rateHz);
        Clock clock = Clock.system();
        Wiring wiring = Robots.wiring(task, null);
        PreparedPolicy policy = PreparedPolicy.open(bundle, java);
        LoopWarmup.run(wiring, policy, periodNanos, 20_000);
        Robots.Opened opened = Robots.open(hardware, wiring, null, clock, seed);
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        if (!mx.isThreadAllocatedMemorySupported() || !mx.isThreadAllocatedMemoryEnabled()) {
            throw new IllegalStateException("this JVM cannot measure per-thread allocation");
        }
        SafetyConfig safety = SafetyConfig.defaults(periodNanos * 1e-9, task.controlPeriodSeconds()).withTerminationCheck(false);
        Controller controller = new Controller(opened.robot(), policy, task.controlRateHz(), safety, clock,
                Waiter.parkThenSpin(clock, spinMicros * 1000), periodNanos, null, java);
        Thread hook = controller.installShutdownHook(null);
        try {
            System.err.printf(Locale.ROOT, "bench: %s 2x64 policy, %s runner, %.6g Hz, %.0f s warm-up + %.0f s measured%n",
                    task.id(), runtime.name().toLowerCase(Locale.ROOT), rateHz, warmupSeconds, seconds);
            controller.start(opened.loopOrigin(clock, periodNanos));
            controller.commands().arm();
            Thread.sleep((long) (warmupSeconds * 1000));
            var loop = controller.loop();
            long loopThread = controller.loopThread().threadId();
            loop.resetTimings();
            long it0 = loop.iterations();
            long over0 = loop.overruns();
            long bytes0 = mx.getThreadAllocatedBytes(loopThread);
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                Thread.sleep(Math.max(1, Math.min(1000, (end - System.nanoTime()) / 1_000_000)));
                System.err.printf(Locale.ROOT, "\r%5.1f / %.0f s  iterations=%d overruns=%d", (System.nanoTime() - start) * 1e-9,
                        seconds, loop.iterations() - it0, loop.overruns() - over0);
            }
            long bytes1 = mx.getThreadAllocatedBytes(loopThread);
            long iterations = loop.iterations() - it0;
            long overruns = loop.overruns() - over0;
            controller.stop(1000);
            System.err.println();
            LoopSummary s = controller.summary();
            System.out.println("events " + s.eventCounts());
            System.out.println("stage p99 us " + s.stageP99Micros());
            s.overrunLines().forEach(System.out::println);
            double perIter = iterations == 0 ? Double.NaN : (double) (bytes1 - bytes0) / iterations;
            Figures f = new Figures().put("iterations", iterations).put("overruns", overruns)
                    .put("overrun_fraction", iterations == 0 ? Double.NaN : (double) overruns / iterations)
                    .put("p50_jitter_us", s.p50JitterMicros()).put("p99_jitter_us", s.p99JitterMicros())
                    .put("p999_jitter_us", s.p999JitterMicros()).put("max_jitter_us", s.maxJitterMicros())
                    .put("alloc_bytes_per_iter", perIter).put("runner_alloc_bytes_per_call", runnerBytes);
            s.stageP99Micros().forEach((stage, p99) -> f.put(stage + "_p99_us", p99));
            f.print(System.out);
            return 0;
        } finally {
            controller.stop(1000);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Exiting anyway.
            }
            policy.runner().close();
            opened.robot().close();
        }
    }

    /** Bytes the runner alone allocates per call on this thread after warm-up (ONNX Runtime's binding allocates some). */
    private static double runnerBytesPerCall(PolicyBundle bundle, boolean java) {
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (PolicyRunner r = java ? bundle.javaRunner() : bundle.openOnnx()) {
            float[] obs = new float[r.observationSize()];
            float[] act = new float[r.actionSize()];
            for (int i = 0; i < 20_000; i++) {
                obs[i % obs.length] = (i % 7) * 0.1f;
                r.act(obs, 0, act, 0);
            }
            int calls = 10_000;
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < calls; i++) {
                obs[i % obs.length] = (i % 7) * 0.1f;
                r.act(obs, 0, act, 0);
            }
            return (double) (mx.getCurrentThreadAllocatedBytes() - before) / calls;
        }
    }
}
