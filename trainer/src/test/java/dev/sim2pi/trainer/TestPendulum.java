package dev.sim2pi.trainer;

import dev.sim2pi.trainer.env.EnvFactory;
import dev.sim2pi.trainer.env.TrainingEnv;
import java.util.SplittableRandom;

/**
 * A test-only batched pendulum (Gymnasium Pendulum-v1 equations) so the trainer's algorithm is
 * tested without depending on the simulator's tasks.
 */
public final class TestPendulum implements TrainingEnv {

    private final int n;
    private final double[] th;
    private final double[] thdot;
    private final int[] t;
    private final float[] obs;
    private final float[] fin;
    private final float[] rew;
    private final boolean[] term;
    private final boolean[] trunc;
    private SplittableRandom rng = new SplittableRandom(0);

    public TestPendulum(int n) {
        this.n = n;
        th = new double[n];
        thdot = new double[n];
        t = new int[n];
        obs = new float[3 * n];
        fin = new float[3 * n];
        rew = new float[n];
        term = new boolean[n];
        trunc = new boolean[n];
    }

    public static EnvFactory factory() {
        return new EnvFactory() {
            @Override
            public String taskId() {
                return "pendulum-v1";
            }

            @Override
            public TrainingEnv create(int numEnvs) {
                return new TestPendulum(numEnvs);
            }

            @Override
            public TrainingEnv createNominal(int numEnvs) {
                return new TestPendulum(numEnvs);
            }
        };
    }

    @Override public int numEnvs() { return n; }
    @Override public int observationSize() { return 3; }
    @Override public int actionSize() { return 1; }
    @Override public double[] actionLow() { return new double[] {-2}; }
    @Override public double[] actionHigh() { return new double[] {2}; }

    @Override
    public void reset(long seed) {
        rng = new SplittableRandom(seed);
        for (int e = 0; e < n; e++) {
            start(e);
        }
    }

    private void start(int e) {
        th[e] = rng.nextDouble(-Math.PI, Math.PI);
        thdot[e] = rng.nextDouble(-1, 1);
        t[e] = 0;
        write(e, obs);
    }

    private void write(int e, float[] o) {
        o[3 * e] = (float) Math.cos(th[e]);
        o[3 * e + 1] = (float) Math.sin(th[e]);
        o[3 * e + 2] = (float) thdot[e];
    }

    @Override
    public void step(double[] actions) {
        for (int e = 0; e < n; e++) {
            double u = Math.max(-2, Math.min(2, actions[e]));
            double a = ((th[e] + Math.PI) % (2 * Math.PI) + 2 * Math.PI) % (2 * Math.PI) - Math.PI;
            rew[e] = (float) -(a * a + 0.1 * thdot[e] * thdot[e] + 0.001 * u * u);
            double nd = thdot[e] + (3 * 10.0 / 2 * Math.sin(th[e]) + 3.0 * u) * 0.05;
            nd = Math.max(-8, Math.min(8, nd));
            th[e] += nd * 0.05;
            thdot[e] = nd;
            t[e]++;
            term[e] = false;
            trunc[e] = t[e] >= 200;
            write(e, obs);
            if (trunc[e]) {
                write(e, fin);
                start(e);
            }
        }
    }

    @Override public float[] observations() { return obs; }
    @Override public float[] finalObservations() { return fin; }
    @Override public float[] rewards() { return rew; }
    @Override public boolean[] terminated() { return term; }
    @Override public boolean[] truncated() { return trunc; }
}
