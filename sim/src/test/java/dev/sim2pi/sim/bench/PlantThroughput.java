package dev.sim2pi.sim.bench;

import dev.sim2pi.models.task.ObservationBuilder;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.Rng;
import dev.sim2pi.sim.robots.BalancerPlant;
import dev.sim2pi.sim.robots.CartPolePlant;
import java.util.Locale;

/**
 * A JMH-free microbenchmark of one plant in a minimal batched loop on one thread: per env-step a
 * randomized episode's step, sensor reading, reward, termination check and observation (episodes
 * reset with a fresh parameter draw when they end). Run from the sim test classpath:
 * {@code java -cp ... dev.sim2pi.sim.bench.PlantThroughput balancer 4096 5}. The full batched env
 * is measured by {@code sim2pi bench sim}.
 */
public final class PlantThroughput {

    private PlantThroughput() {
    }

    public static void main(String[] args) {
        String id = args.length > 0 ? args[0] : "balancer";
        int envs = args.length > 1 ? Integer.parseInt(args[1]) : 4096;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 5;
        Plant plant = id.equals("cartpole") ? new CartPolePlant() : new BalancerPlant();
        RobotTask task = plant.task();
        int np = plant.parameters().size();
        int ns = plant.simStateSize();
        int na = task.actions().size();
        int nr = task.sensors().size();
        int no = task.observationSize();
        double[] params = new double[envs * np];
        double[] state = new double[envs * ns];
        double[] before = new double[ns];
        double[] action = new double[envs * na];
        double[] sensors = new double[envs * nr];
        float[] obs = new float[envs * no];
        int[] steps = new int[envs];
        ObservationBuilder builder = new ObservationBuilder(task, envs);
        Rng rng = new Rng(42);
        for (int e = 0; e < envs; e++) {
            plant.parameters().draw(rng, params, e * np);
            plant.reset(rng, params, e * np, state, e * ns);
            plant.sense(params, e * np, state, e * ns, rng, sensors, e * nr);
            builder.reset(e, sensors, e * nr);
        }
        double[] lows = task.actions().lows();
        double[] highs = task.actions().highs();
        double rewardSum = 0;
        long envSteps = 0;
        long start = System.nanoTime();
        long warmEnd = start + 1_000_000_000L;
        long measureStart = 0;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = 0;
        long deadline = Long.MAX_VALUE;
        while (true) {
            long now = System.nanoTime();
            if (measureStart == 0 && now >= warmEnd) {
                measureStart = now;
                cpuStart = threads.getCurrentThreadCpuTime();
                envSteps = 0;
                deadline = now + (long) (seconds * 1e9);
            }
            if (now >= deadline) {
                break;
            }
            for (int e = 0; e < envs; e++) {
                builder.write(e, obs, e * no);
                for (int a = 0; a < na; a++) {
                    action[e * na + a] = lows[a] + (highs[a] - lows[a]) * rng.nextDouble();
                }
                System.arraycopy(state, e * ns, before, 0, ns);
                plant.step(params, e * np, state, e * ns, action, e * na, rng);
                plant.sense(params, e * np, state, e * ns, rng, sensors, e * nr);
                rewardSum += task.reward(before, 0, action, e * na, state, e * ns);
                if (task.terminated(state, e * ns) || ++steps[e] >= task.maxEpisodeSteps()) {
                    steps[e] = 0;
                    plant.parameters().draw(rng, params, e * np);
                    plant.reset(rng, params, e * np, state, e * ns);
                    plant.sense(params, e * np, state, e * ns, rng, sensors, e * nr);
                    builder.reset(e, sensors, e * nr);
                } else {
                    builder.push(e, sensors, e * nr, action, e * na);
                }
            }
            envSteps += envs;
        }
        double elapsed = (System.nanoTime() - measureStart) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        // On a shared machine the thread gets a fraction of a core: the rate per CPU-second is the
        // figure that does not depend on what else runs.
        System.out.printf(Locale.ROOT, "%s: %d envs, one thread, %.3g env-steps/s wall, %.3g per CPU-second"
                + " (thread had %.0f%% of a core; reward mean %.3f)%n", id, envs, envSteps / elapsed,
                envSteps / cpu, 100 * cpu / elapsed, rewardSum / Math.max(1, envSteps));
        System.out.printf(Locale.ROOT, "task=%s envs=%d threads=1 env_steps_per_s=%.0f env_steps_per_cpu_s=%.0f%n",
                id, envs, envSteps / elapsed, envSteps / cpu);
    }
}
