package dev.sim2pi.sim.control;

import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Discrete-time linear-quadratic regulator by Riccati iteration: the gain {@code K} that
 * minimises {@code sum x'Qx + u'Ru} for {@code x[k+1] = A x[k] + B u[k]} under {@code u = -K x}.
 */
public final class Lqr {

    private Lqr() {
    }

    /** The gain matrix K (inputs x states); fails if the iteration does not settle. */
    public static double[][] discreteGain(double[][] a, double[][] b, double[][] q, double[][] r) {
        RealMatrix am = MatrixUtils.createRealMatrix(a);
        RealMatrix bm = MatrixUtils.createRealMatrix(b);
        RealMatrix qm = MatrixUtils.createRealMatrix(q);
        RealMatrix rm = MatrixUtils.createRealMatrix(r);
        RealMatrix p = qm.copy();
        RealMatrix k = null;
        for (int i = 0; i < 100_000; i++) {
            RealMatrix btp = bm.transpose().multiply(p);
            RealMatrix gram = rm.add(btp.multiply(bm));
            k = new LUDecomposition(gram).getSolver().solve(btp.multiply(am));
            RealMatrix next = qm.add(am.transpose().multiply(p).multiply(am.subtract(bm.multiply(k))));
            double change = next.subtract(p).getFrobeniusNorm();
            p = next.add(next.transpose()).scalarMultiply(0.5);
            if (change <= 1e-10 * Math.max(1, p.getFrobeniusNorm())) {
                return k.getData();
            }
        }
        throw new IllegalStateException("Riccati iteration did not converge; is (A, B) stabilizable?");
    }

    /** A diagonal matrix. */
    public static double[][] diagonal(double... values) {
        return MatrixUtils.createRealDiagonalMatrix(values).getData();
    }

    /** Spectral radius of A - B K: below 1 means the closed loop is stable. */
    public static double closedLoopSpectralRadius(double[][] a, double[][] b, double[][] k) {
        RealMatrix cl = MatrixUtils.createRealMatrix(a).subtract(
                MatrixUtils.createRealMatrix(b).multiply(MatrixUtils.createRealMatrix(k)));
        org.apache.commons.math3.linear.EigenDecomposition eig = new org.apache.commons.math3.linear.EigenDecomposition(cl);
        double max = 0;
        for (int i = 0; i < cl.getRowDimension(); i++) {
            max = Math.max(max, Math.hypot(eig.getRealEigenvalue(i), eig.getImagEigenvalue(i)));
        }
        return max;
    }
}
