package dev.sim2pi.trainer.sysid;

import dev.sim2pi.models.InputException;
import dev.sim2pi.sim.ParameterSpace;
import dev.sim2pi.trainer.sysid.SysidResult.Combination;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.util.Pair;

/**
 * Fits physical parameters to recorded data with Commons Math's Levenberg-Marquardt optimizer, for
 * each whole dead time from 0 to a maximum, keeping the dead time with the smallest residual.
 * Parameters are fitted as {@code log(value / start)} (positive, and steps relative to their size);
 * the Jacobian is by central differences. The covariance at the fit is {@code s^2 (J^T J + eps I)^-1}
 * with {@code s^2} the residual variance and a tiny ridge {@code eps}, so a direction the data
 * cannot see gets a huge variance instead of a singular matrix: two parameters whose fitted values
 * correlate beyond {@value #UNIDENTIFIABLE_CORRELATION} are reported as the combination along the
 * well-determined direction (the eigenvector of their covariance block with the smaller eigenvalue).
 */
public final class SystemIdentification {

    static final double UNIDENTIFIABLE_CORRELATION = 0.95;
    private static final double STEP = 1e-4;
    /** Model evaluations (each with its Jacobian) per dead time. */
    static final int MAX_EVALUATIONS = 60;
    private boolean converged = true;

    private final Replay replay;
    private final ParameterSpace space;
    private final List<String> names;
    private final int[] indices;
    private final double[] base;

    /**
     * @param replay the data in its simulator
     * @param space  the plant's parameters; their nominal values start the fit and fill what is not fitted
     * @param names  parameters to fit
     */
    SystemIdentification(Replay replay, ParameterSpace space, List<String> names) {
        this.replay = replay;
        this.space = space;
        this.names = List.copyOf(names);
        this.indices = new int[names.size()];
        for (int i = 0; i < indices.length; i++) {
            int index = space.names().indexOf(names.get(i));
            if (index < 0) {
                throw new InputException("cannot fit '" + names.get(i) + "': expected parameters of " + space.names());
            }
            if (space.parameters().get(index).nominal() <= 0) {
                throw new InputException("cannot fit '" + names.get(i) + "': its nominal value must be > 0");
            }
            indices[i] = index;
        }
        double[] nominal = new double[space.size()];
        space.nominal(nominal, 0);
        this.base = replay.quiet(nominal);
    }

    private double[] params(double[] logScale) {
        double[] p = base.clone();
        for (int i = 0; i < indices.length; i++) {
            p[indices[i]] = base[indices[i]] * Math.exp(logScale[i]);
        }
        return p;
    }

    private double[] residuals(double[] logScale, int deadTime) {
        double[] r = new double[replay.residualCount()];
        replay.residuals(params(logScale), deadTime, r);
        return r;
    }

    private double[][] jacobian(double[] x, int deadTime) {
        int m = replay.residualCount();
        double[][] j = new double[m][x.length];
        for (int c = 0; c < x.length; c++) {
            double[] up = x.clone();
            double[] down = x.clone();
            up[c] += STEP;
            down[c] -= STEP;
            double[] ru = residuals(up, deadTime);
            double[] rd = residuals(down, deadTime);
            for (int i = 0; i < m; i++) {
                j[i][c] = (ru[i] - rd[i]) / (2 * STEP);
            }
        }
        return j;
    }

    static double rms(double[] r) {
        double sum = 0;
        for (double v : r) {
            sum += v * v;
        }
        return Math.sqrt(sum / r.length);
    }

    /** Fits for dead times 0..maxDeadTime; {@code nominalDeadTime} scores the nominal model. */
    SysidResult fit(int maxDeadTime, int nominalDeadTime, java.util.function.IntConsumer progress) {
        double[] zero = new double[indices.length];
        double before = rms(residuals(zero, nominalDeadTime));
        double best = Double.POSITIVE_INFINITY;
        double[] bestX = zero;
        int bestDead = nominalDeadTime;
        for (int d = 0; d <= maxDeadTime; d++) {
            int deadTime = d;
            // The best point seen: where the optimizer stops if it runs out of evaluations before converging.
            double[][] seen = {zero};
            double[] seenCost = {Double.POSITIVE_INFINITY};
            MultivariateJacobianFunction model = point -> {
                double[] x = point.toArray();
                double[] r = residuals(x, deadTime);
                double cost = rms(r);
                if (cost < seenCost[0]) {
                    seenCost[0] = cost;
                    seen[0] = x;
                }
                return new Pair<>(new ArrayRealVector(r, false), new Array2DRowRealMatrix(jacobian(x, deadTime), false));
            };
            double[] x;
            try {
                x = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                        .start(zero).model(model).target(new double[replay.residualCount()])
                        .maxEvaluations(MAX_EVALUATIONS).maxIterations(MAX_EVALUATIONS).build()).getPoint().toArray();
            } catch (org.apache.commons.math3.exception.MathIllegalStateException e) {
                x = seen[0];
                converged = false;
            }
            double cost = rms(residuals(x, deadTime));
            if (cost < best) {
                best = cost;
                bestX = x;
                bestDead = deadTime;
            }
            progress.accept(d);
        }
        return result(bestX, bestDead, before, best);
    }

    private SysidResult result(double[] x, int deadTime, double before, double after) {
        int n = x.length;
        int m = replay.residualCount();
        double[][] j = jacobian(x, deadTime);
        RealMatrix jm = new Array2DRowRealMatrix(j, false);
        RealMatrix jtj = jm.transpose().multiply(jm);
        double trace = jtj.getTrace();
        for (int i = 0; i < n; i++) {
            jtj.addToEntry(i, i, 1e-10 * trace / n);
        }
        double s2 = after * after * m / Math.max(1, m - n);
        RealMatrix cov = new LUDecomposition(jtj).getSolver().getInverse().scalarMultiply(s2);
        double[] start = new double[n];
        double[] fit = new double[n];
        double[] sigma = new double[n];
        for (int i = 0; i < n; i++) {
            start[i] = base[indices[i]];
            fit[i] = start[i] * Math.exp(x[i]);
            sigma[i] = fit[i] * Math.sqrt(cov.getEntry(i, i));
        }
        List<Combination> combos = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                double rho = cov.getEntry(a, b) / Math.sqrt(cov.getEntry(a, a) * cov.getEntry(b, b));
                if (Math.abs(rho) > UNIDENTIFIABLE_CORRELATION) {
                    RealMatrix block = new Array2DRowRealMatrix(new double[][] {
                            {cov.getEntry(a, a), cov.getEntry(a, b)}, {cov.getEntry(a, b), cov.getEntry(b, b)}});
                    EigenDecomposition e = new EigenDecomposition(block);
                    // Commons Math sorts eigenvalues in descending order: the last is the well-determined direction.
                    double[] u = e.getEigenvector(1).toArray();
                    double exponent = u[1] / u[0];
                    double logValue = x[a] + Math.log(start[a]) + exponent * (x[b] + Math.log(start[b]));
                    double var = cov.getEntry(a, a) + 2 * exponent * cov.getEntry(a, b)
                            + exponent * exponent * cov.getEntry(b, b);
                    double value = Math.exp(logValue);
                    combos.add(new Combination(a, b, exponent, value, value * Math.sqrt(Math.max(0, var)), rho));
                }
            }
        }
        return new SysidResult(names, start, fit, sigma, combos, deadTime, before, after, replay.windows(), converged);
    }
}
