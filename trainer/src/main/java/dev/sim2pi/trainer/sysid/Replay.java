package dev.sim2pi.trainer.sysid;

/** A task's recorded data replayed in its simulator: residuals of predicted against recorded readings. */
interface Replay {

    /** Number of residuals {@link #residuals} writes. */
    int residualCount();

    /** Windows replayed. */
    int windows();

    /** The parameter vector the prediction runs with: noise and random disturbances switched off. */
    double[] quiet(double[] params);

    /**
     * Writes the weighted residuals for the full parameter vector {@code params} (plant schema order, from
     * {@link #quiet}) with recorded commands applied {@code deadTime} periods late.
     */
    void residuals(double[] params, int deadTime, double[] out);
}
