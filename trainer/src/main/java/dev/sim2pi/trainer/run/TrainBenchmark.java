package dev.sim2pi.trainer.run;

import dev.sim2pi.trainer.env.SimEnvFactory;
import dev.sim2pi.trainer.env.TrainingEnv;
import dev.sim2pi.trainer.sac.Engines;
import dev.sim2pi.trainer.sac.SacConfig;
import dev.sim2pi.trainer.sac.SacConfigs;
import dev.sim2pi.trainer.sac.SacEngine;
import dev.sim2pi.trainer.sac.SacTrainer;
import java.io.PrintStream;

/**
 * Throughput of the training loop with a task's default config: gradient updates per second
 * (learner alone, on a replay filled by {@code learning_starts} random steps) and env steps per
 * second of the full loop (collection plus the updates the update-to-data ratio asks for).
 */
public final class TrainBenchmark {

    /** What was measured. */
    public record Result(double updatesPerSecond, double envStepsPerSecond, String engine, double cpuSecondsPerUpdate) {
    }

    private TrainBenchmark() {
    }

    public static Result run(String taskId, double seconds, String engineOverride, String device, PrintStream out) {
        SacConfig config = SacConfigs.defaults(taskId);
        if (engineOverride != null) {
            config = config.withEngine(engineOverride);
        }
        SimEnvFactory factory = SimEnvFactory.forTask(taskId);
        try (TrainingEnv env = factory.create(config.numEnvs());
             SacEngine engine = Engines.create(config, device, env.observationSize(), env.actionSize(),
                     config.numEnvs(), out)) {
            SacTrainer trainer = new SacTrainer(config, env, engine, 1);
            while (trainer.envSteps() < config.learningStarts()) {
                trainer.iterate();
            }
            var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            timed(trainer::learn, Math.min(2.0, seconds / 4), trainer);
            long u0 = trainer.updates();
            long cpu0 = threads.getCurrentThreadCpuTime();
            double learnSeconds = timed(trainer::learn, seconds / 2, trainer);
            long cpu1 = threads.getCurrentThreadCpuTime();
            long updates = trainer.updates() - u0;
            long s0 = trainer.envSteps();
            double loopSeconds = timed(trainer::iterate, seconds / 2, trainer);
            long steps = trainer.envSteps() - s0;
            Result r = new Result(updates / learnSeconds, steps / loopSeconds, engine.name(),
                    (cpu1 - cpu0) / 1e9 / updates);
            out.printf(java.util.Locale.ROOT, "%s, engine %s, batch %d, hidden %s: %d updates in %.2f s "
                            + "(%.3f ms CPU each); full loop %d env steps in %.2f s%n", taskId, engine.name(),
                    config.batchSize(), java.util.Arrays.toString(config.criticHidden()), updates, learnSeconds,
                    r.cpuSecondsPerUpdate() * 1e3, steps, loopSeconds);
            return r;
        }
    }

    private static double timed(Runnable step, double seconds, SacTrainer trainer) {
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long now;
        do {
            for (int i = 0; i < 16; i++) {
                step.run();
            }
            now = System.nanoTime();
        } while (now < deadline);
        return (now - start) / 1e9;
    }
}
