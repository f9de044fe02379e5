package dev.sim2pi.trainer.sac;

/**
 * Running mean and standard deviation of raw observations (Welford, in double), applied as
 * {@code (x - mean) / std}. The statistics are frozen into the exported bundle, so the deployed
 * policy sees exactly the scaling it was trained with. When disabled it is the identity.
 */
public final class ObservationNormalizer {

    private static final double VARIANCE_FLOOR = 1e-8;

    private final int size;
    private final boolean enabled;
    private final double[] mean;
    private final double[] m2;
    private long count;
    private boolean frozen;
    private final float[] meanF;
    private final float[] invStdF;

    public ObservationNormalizer(int size, boolean enabled) {
        this.size = size;
        this.enabled = enabled;
        this.mean = new double[size];
        this.m2 = new double[size];
        this.meanF = new float[size];
        this.invStdF = new float[size];
        java.util.Arrays.fill(invStdF, 1f);
    }

    public int size() {
        return size;
    }

    public boolean enabled() {
        return enabled;
    }

    public long count() {
        return count;
    }

    /** Adds {@code rows} observations {@code [rows][size]} to the statistics. */
    public void observe(float[] obs, int rows) {
        if (!enabled || frozen) {
            return;
        }
        for (int r = 0; r < rows; r++) {
            count++;
            for (int i = 0; i < size; i++) {
                double x = obs[r * size + i];
                double d = x - mean[i];
                mean[i] += d / count;
                m2[i] += d * (x - mean[i]);
            }
        }
        refresh();
    }

    private void refresh() {
        for (int i = 0; i < size; i++) {
            meanF[i] = (float) mean[i];
            invStdF[i] = (float) (1 / std(i));
        }
    }

    private double std(int i) {
        double var = count > 1 ? m2[i] / count : 1.0;
        return Math.sqrt(var + VARIANCE_FLOOR);
    }

    /** Writes the normalized {@code src[srcOffset..+size]} into the row {@code dst}. */
    public void normalize(float[] src, int srcOffset, float[] dst) {
        for (int i = 0; i < size; i++) {
            dst[i] = (src[srcOffset + i] - meanF[i]) * invStdF[i];
        }
    }

    /** Normalizes {@code rows} observations {@code [rows][size]} into row arrays. */
    public void normalizeRows(float[] src, float[][] dst, int rows) {
        for (int r = 0; r < rows; r++) {
            normalize(src, r * size, dst[r]);
        }
    }

    /** The mean the bundle subtracts (0 when disabled). */
    public float[] frozenMean() {
        return meanF.clone();
    }

    /** The standard deviation the bundle divides by (1 when disabled). */
    public float[] frozenStd() {
        float[] std = new float[size];
        for (int i = 0; i < size; i++) {
            std[i] = 1f / invStdF[i];
        }
        return std;
    }

    /**
     * Stops {@link #observe} from changing the scaling: a fine-tuned actor keeps the input scaling
     * its weights were trained for.
     */
    public void freeze() {
        this.frozen = true;
    }

    /**
     * Sets the scaling to exactly {@code mean} and {@code std} (a bundle's frozen normalizer) and
     * freezes it. The statistics a checkpoint stores are set to match, as if {@code count}
     * observations had given them.
     */
    public void fix(float[] mean, float[] std, long count) {
        if (!enabled) {
            throw new IllegalStateException("fixing the scaling of a disabled normalizer");
        }
        this.count = count;
        for (int i = 0; i < size; i++) {
            this.mean[i] = mean[i];
            this.m2[i] = Math.max((double) std[i] * std[i] - VARIANCE_FLOOR, 0) * count;
            meanF[i] = mean[i];
            invStdF[i] = 1f / std[i];
        }
        this.frozen = true;
    }

    /** Statistics for a checkpoint: mean then M2 per dimension. */
    public double[] statistics() {
        double[] out = new double[2 * size];
        System.arraycopy(mean, 0, out, 0, size);
        System.arraycopy(m2, 0, out, size, size);
        return out;
    }

    public void restore(double[] statistics, long observed) {
        System.arraycopy(statistics, 0, mean, 0, size);
        System.arraycopy(statistics, size, m2, 0, size);
        this.count = observed;
        if (enabled) {
            refresh();
        }
    }
}
