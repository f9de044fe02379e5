package dev.sim2pi.sim.control;

import dev.sim2pi.sim.Plant;
import dev.sim2pi.sim.Rng;

/**
 * The discrete-time linearization of a plant's control-period step around an operating point,
 * by central differences: {@code dz' = A dz + B du} over selected state entries and selected
 * input directions (an input direction is a whole action vector, so "both motors together" is
 * one input).
 *
 * @param a state Jacobian, selected states x selected states
 * @param b input Jacobian, selected states x input directions
 */
public record PlantLinearization(double[][] a, double[][] b) {

    /**
     * Linearizes {@code plant} with parameters {@code params} around simulation state {@code state}
     * and action {@code action}. Plants must be deterministic in the selected states (process noise
     * may only touch other entries).
     */
    public static PlantLinearization of(Plant plant, double[] params, double[] state, double[] action,
                                        int[] stateIndices, double[][] inputDirections, double epsilon) {
        int n = stateIndices.length;
        int m = inputDirections.length;
        double[][] a = new double[n][n];
        double[][] b = new double[n][m];
        double[] plus = new double[state.length];
        double[] minus = new double[state.length];
        double[] act = new double[action.length];
        for (int j = 0; j < n; j++) {
            System.arraycopy(state, 0, plus, 0, state.length);
            System.arraycopy(state, 0, minus, 0, state.length);
            plus[stateIndices[j]] += epsilon;
            minus[stateIndices[j]] -= epsilon;
            plant.step(params, 0, plus, 0, action, 0, new Rng(1));
            plant.step(params, 0, minus, 0, action, 0, new Rng(1));
            for (int i = 0; i < n; i++) {
                a[i][j] = (plus[stateIndices[i]] - minus[stateIndices[i]]) / (2 * epsilon);
            }
        }
        for (int j = 0; j < m; j++) {
            System.arraycopy(state, 0, plus, 0, state.length);
            System.arraycopy(state, 0, minus, 0, state.length);
            for (int c = 0; c < action.length; c++) {
                act[c] = action[c] + epsilon * inputDirections[j][c];
            }
            plant.step(params, 0, plus, 0, act, 0, new Rng(1));
            for (int c = 0; c < action.length; c++) {
                act[c] = action[c] - epsilon * inputDirections[j][c];
            }
            plant.step(params, 0, minus, 0, act, 0, new Rng(1));
            for (int i = 0; i < n; i++) {
                b[i][j] = (plus[stateIndices[i]] - minus[stateIndices[i]]) / (2 * epsilon);
            }
        }
        return new PlantLinearization(a, b);
    }
}
