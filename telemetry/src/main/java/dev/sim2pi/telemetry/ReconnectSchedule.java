package dev.sim2pi.telemetry;

/**
 * When an {@link MqttConnection} may next ask Paho to connect: only after a {@link BrokerProbe} found the
 * broker's port open, with probes at the shortest delay through the first second of an outage (a
 * restarting broker is usually back within a fraction of a second, and a refused probe costs
 * microseconds), then backing off by half per failure. One thread only; never blocks.
 */
final class ReconnectSchedule implements AutoCloseable {

    /** A broker port that neither accepts nor refuses within this long counts as down. */
    private static final long PROBE_TIMEOUT_NANOS = 2_000_000_000L;
    private static final long PROBE_POLL_NANOS = 1_000_000L;
    private static final long FAST_RETRY_NANOS = 1_000_000_000L;

    private final BrokerProbe probe;
    private final long minNanos;
    private final long maxNanos;
    private long backoff;
    private long downSinceNanos;
    private long nextAttemptNanos;
    private boolean probing;

    ReconnectSchedule(MqttSettings mqtt, long minNanos, long maxNanos, long nowNanos) {
        this.probe = BrokerProbe.of(mqtt);
        this.minNanos = minNanos;
        this.maxNanos = maxNanos;
        this.backoff = minNanos;
        this.downSinceNanos = nowNanos;
        this.nextAttemptNanos = nowNanos;
    }

    /** The connection was lost: probe at once. */
    void lost(long nowNanos) {
        nextAttemptNanos = nowNanos;
        downSinceNanos = nowNanos;
    }

    /** Connected: the next outage starts from the shortest delay. */
    void connected() {
        backoff = minNanos;
    }

    /**
     * Advances probing while no connect is under way; true when the broker's port is open and a
     * connect should start now (which counts as an attempt for the backoff).
     */
    boolean connectNow(long nowNanos) {
        if (!probing) {
            if (nowNanos >= nextAttemptNanos) {
                probe.start(PROBE_TIMEOUT_NANOS);
                probing = true;
            }
            return false;
        }
        BrokerProbe.Result r = probe.poll();
        if (r == BrokerProbe.Result.PENDING) {
            return false;
        }
        probing = false;
        nextAttemptNanos = nowNanos + backoff;
        if (nowNanos - downSinceNanos > FAST_RETRY_NANOS) {
            backoff = Math.min(backoff + backoff / 2, maxNanos);
        }
        return r == BrokerProbe.Result.OPEN;
    }

    /** When the sender should look again while waiting to connect (not while a connect is under way). */
    long wakeAt(long nowNanos) {
        return probing ? nowNanos + PROBE_POLL_NANOS : nextAttemptNanos;
    }

    @Override
    public void close() {
        probe.close();
    }
}
