package dev.sim2pi.trainer;

import dev.sim2pi.trainer.sac.*;

public final class QuickBench {
    public static void main(String[] args) {
        SacConfig c = SacConfigs.defaults("pendulum-v1");
        JavaSacEngine eng = new JavaSacEngine(c, 3, 1, 1);
        SacBatch b = new SacBatch(c.batchSize(), 3, 1);
        StreamRng r = new StreamRng(1);
        for (int i = 0; i < b.size; i++) { for (int j = 0; j < 3; j++) { b.observations[i][j] = (float) r.gaussian(); b.nextObservations[i][j] = (float) r.gaussian(); }
            b.actions[i][0] = (float) r.uniform(-1,1); b.noise[i][0] = (float) r.gaussian(); b.nextNoise[i][0] = (float) r.gaussian(); }
        for (int i = 0; i < b.size; i++) { b.rewards[i] = (float) r.gaussian(); b.discounts[i] = 0.99f; }
        SacLosses l = new SacLosses();
        for (int rep = 0; rep < 5; rep++) {
            var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            int n = 2000;
            for (int i = 0; i < n; i++) eng.update(b, true, true, l);
            long c1 = mx.getCurrentThreadCpuTime();
            System.out.printf("%.3f ms/update wall, %.3f cpu loss=%.3f%n", (System.nanoTime() - t0) / 1e6 / n, (c1 - c0) / 1e6 / n, l.criticLoss);
        }
    }
}
