package dev.sim2pi.models.bundle;

import dev.sim2pi.models.bundle.inference.OnnxPolicyRunner;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Recomputes a manifest's golden commands with ONNX Runtime on this machine. */
public final class GoldenCheck {

    /** Absolute tolerance on each command value. */
    public static final double ABS_TOLERANCE = 1e-5;
    /** Relative tolerance on each command value, added to the absolute one. */
    public static final double REL_TOLERANCE = 1e-5;

    private GoldenCheck() {
    }

    /** Whether {@code actual} reproduces {@code expected}: {@code |a - e| <= 1e-5 + 1e-5 |e|}. */
    public static boolean close(float actual, float expected) {
        return Math.abs((double) actual - expected) <= ABS_TOLERANCE + REL_TOLERANCE * Math.abs((double) expected);
    }

    static void check(String bundle, byte[] onnx, List<GoldenPair> golden, int obsSize, int actSize) {
        int n = golden.size();
        float[] obs = new float[n * obsSize];
        for (int i = 0; i < n; i++) {
            System.arraycopy(golden.get(i).observation(), 0, obs, i * obsSize, obsSize);
        }
        float[] out = new float[n * actSize];
        try (OnnxPolicyRunner runner = OnnxPolicyRunner.open(onnx, obsSize, actSize)) {
            runner.actBatch(obs, n, out);
        } catch (IllegalStateException e) {
            throw new BundleException(bundle, PolicyBundle.ONNX_FILE, "ONNX Runtime cannot run it ("
                    + e.getMessage() + "); expected a runnable actor graph", e);
        }
        for (int i = 0; i < n; i++) {
            float[] expected = golden.get(i).action();
            for (int j = 0; j < actSize; j++) {
                float actual = out[i * actSize + j];
                if (!close(actual, expected[j])) {
                    float[] got = Arrays.copyOfRange(out, i * actSize, (i + 1) * actSize);
                    throw new BundleException(bundle, ManifestJson.FILE + " field 'golden[" + i + "].action'",
                            String.format(Locale.ROOT, "ONNX Runtime on this machine computes %s; expected %s within "
                                    + "%.0e absolute + %.0e relative (golden outputs not reproduced)",
                                    Arrays.toString(got), Arrays.toString(expected), ABS_TOLERANCE, REL_TOLERANCE));
                }
            }
        }
    }
}
