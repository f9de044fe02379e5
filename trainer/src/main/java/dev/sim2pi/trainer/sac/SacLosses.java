package dev.sim2pi.trainer.sac;

/** What one gradient update measured; rewritten in place by every update. */
public final class SacLosses {

    /** Mean squared TD error of each critic, summed over the two. */
    public double criticLoss;
    /** Actor loss {@code E[alpha log pi - min Q]} (from the latest actor update). */
    public double actorLoss;
    /** Temperature loss (from the latest actor update). */
    public double alphaLoss;
    /** Temperature after the update. */
    public double alpha;
    /** Policy entropy estimate {@code -E[log pi]} (from the latest actor update). */
    public double entropy;
    /** Mean of the twin critics' Q on the batch. */
    public double meanQ;

    public void copyFrom(SacLosses other) {
        criticLoss = other.criticLoss;
        actorLoss = other.actorLoss;
        alphaLoss = other.alphaLoss;
        alpha = other.alpha;
        entropy = other.entropy;
        meanQ = other.meanQ;
    }
}
