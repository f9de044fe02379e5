package dev.sim2pi.models.bundle.inference;

/**
 * Runs a policy on one observation at a time. Not thread-safe: one runner per control thread.
 * Implementations allocate nothing on the Java heap per call after warm-up beyond what their
 * documentation states.
 */
public interface PolicyRunner extends AutoCloseable {

    int observationSize();

    int actionSize();

    /**
     * Computes the command for one raw observation.
     *
     * @param obs          raw observation, {@link #observationSize()} values from {@code obsOffset}
     * @param action       receives {@link #actionSize()} commands (physical units) from {@code actionOffset}
     */
    void act(float[] obs, int obsOffset, float[] action, int actionOffset);

    /** Releases native resources; the runner is unusable afterwards. */
    @Override
    void close();
}
