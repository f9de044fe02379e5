package dev.sim2pi.cli;

import dev.sim2pi.models.Figures;
import dev.sim2pi.models.InputException;
import dev.sim2pi.models.task.Layout;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.Plants;
import dev.sim2pi.sim.Rng;
import dev.sim2pi.sim.env.EnvOptions;
import dev.sim2pi.sim.env.VectorEnv;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Measures batched simulator throughput in environment steps per second. */
@Command(name = "sim", mixinStandardHelpOptions = true, description = "Step a batch of environments with random commands and report env-steps/s "
        + "(last line: steps_per_sec=... task=... envs=... threads=... randomization=... steps_per_cpu_sec=...).")
final class SimBenchCommand implements Runnable {

    /** Distinct random command batches cycled through, so actions vary without costing time. */
    private static final int ACTION_BATCHES = 8;

    /** Duration of the last {@link #run} call. */
    private double lastElapsedSeconds;

    @Option(names = "--task", defaultValue = "pendulum-v1", description = "Task id (default: ${DEFAULT-VALUE}).")
    String taskId;

    @Option(names = "--envs", defaultValue = "4096", description = "Environments stepped together (default: ${DEFAULT-VALUE}).")
    int envs;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured time after warm-up (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--threads", defaultValue = "0",
            description = "Threads stepping blocks of environments; 0 picks from the batch size (default).")
    int threads;

    @Option(names = "--no-randomization", description = "Nominal model instead of per-episode draws.")
    boolean noRandomization;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--twin-params", paramLabel = "FILE",
            description = "Run the task's reality twin with the parameters in FILE instead of the training plant.")
    java.nio.file.Path twinParams;

    @Override
    public void run() {
        if (envs < 1 || seconds <= 0 || threads < 0) {
            throw new InputException("--envs must be >= 1, --seconds > 0 and --threads >= 0; got "
                    + envs + ", " + seconds + ", " + threads);
        }
        Plant plant = twinParams == null ? Plants.forTask(taskId)
                : dev.sim2pi.sim.robots.Twins.load(taskId, twinParams);
        Layout actionLayout = plant.task().actions();
        int a = actionLayout.size();
        double[][] batches = new double[ACTION_BATCHES][envs * a];
        Rng rng = new Rng(seed);
        for (double[] batch : batches) {
            for (int i = 0; i < batch.length; i++) {
                var c = actionLayout.get(i % a);
                double low = Double.isFinite(c.low()) ? c.low() : -1;
                double high = Double.isFinite(c.high()) ? c.high() : 1;
                batch[i] = rng.uniform(low, high);
            }
        }
        EnvOptions options = new EnvOptions(threads, !noRandomization, true);
        try (VectorEnv env = new VectorEnv(plant, envs, options)) {
            env.reset(seed);
            run(env, batches, Math.min(2.0, Math.max(0.2, seconds / 5)));
            long cpuBefore = processCpuNanos();
            long steps = run(env, batches, seconds);
            double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
            double elapsed = lastElapsedSeconds;
            double rate = steps * (double) envs / elapsed;
            // On a shared machine wall-clock rate depends on the neighbours; CPU time says what the
            // process itself spent (it includes spinning and JIT threads, so it is a lower bound).
            double perCpuSecond = steps * (double) envs / cpuSeconds;
            System.out.printf(Locale.ROOT, "%s: %d envs on %d threads, randomization %s: %d batch steps in %.2f s, "
                            + "%.3f M env-steps/s; %.2f CPU s used, %.3f M env-steps per CPU second%n", taskId, envs,
                    env.threads(), noRandomization ? "off" : "on", steps, elapsed, rate / 1e6, cpuSeconds,
                    perCpuSecond / 1e6);
            new Figures().put("steps_per_sec", rate).put("task", taskId).put("envs", envs)
                    .put("threads", env.threads()).put("randomization", Boolean.toString(!noRandomization))
                    .put("steps_per_cpu_sec", perCpuSecond)
                    .print(System.out);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Steps for about {@code seconds}; returns the batch steps taken. */
    private long run(VectorEnv env, double[][] batches, double seconds) {
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long steps = 0;
        long now;
        do {
            for (int k = 0; k < 16; k++) {
                env.step(batches[(int) (steps++ % ACTION_BATCHES)]);
            }
            now = System.nanoTime();
        } while (now < deadline);
        lastElapsedSeconds = (now - start) / 1e9;
        return steps;
    }
}
