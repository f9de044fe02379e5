package dev.sim2pi.cli;

import dev.sim2pi.models.Figures;
import dev.sim2pi.models.InputException;
import dev.sim2pi.trainer.run.TrainBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Measures SAC learner and training-loop throughput. */
@Command(name = "train", description = "Measure SAC gradient updates/s and training env steps/s with a task's "
        + "default config (last line: updates_per_sec=... env_steps_per_sec=... engine=...).")
final class BenchTrainCommand implements Runnable {

    @Option(names = "--task", defaultValue = "pendulum-v1", description = "Task id (default: ${DEFAULT-VALUE}).")
    String taskId;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured time (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--engine", description = "java or djl (default: the config's).")
    String engine;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu or cuda (default: ${DEFAULT-VALUE}).")
    String device;

    @Override
    public void run() {
        if (!(seconds > 0)) {
            throw new InputException("--seconds must be > 0, got " + seconds);
        }
        if (engine != null && !engine.equals("java") && !engine.equals("djl")) {
            throw new InputException("--engine must be java or djl, got '" + engine + "'");
        }
        TrainBenchmark.Result r = TrainBenchmark.run(taskId, seconds, engine, device, System.out);
        new Figures().put("updates_per_sec", r.updatesPerSecond()).put("env_steps_per_sec", r.envStepsPerSecond())
                .put("cpu_ms_per_update", r.cpuSecondsPerUpdate() * 1e3).put("engine", r.engine())
                .put("task", taskId).print(System.out);
    }
}
