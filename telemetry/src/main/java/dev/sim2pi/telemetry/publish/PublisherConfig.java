package dev.sim2pi.telemetry.publish;

import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.Topics;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of a {@link TelemetryPublisher}. The robot id and broker credentials come from the
 * robot's configuration file or command line.
 *
 * @param robotId            topic level identifying the robot
 * @param mqtt               broker URL, credentials, TLS trust
 * @param spoolDir           directory of the on-disk spool (survives restarts)
 * @param spoolMaxBytes      byte budget of the spool; the oldest batches are dropped beyond it
 * @param batchWindowNanos   frames of this window go into one message
 * @param ringCapacity       frames the control thread can be ahead of the sender (power of two)
 * @param maxInflight        unacknowledged QoS 1 publishes allowed (further capped by the broker's receive maximum)
 * @param reconnectMinNanos  reconnect delay for the first second of an outage; then grows by half per failure
 * @param reconnectMaxNanos  longest reconnect delay
 */
public record PublisherConfig(String robotId, MqttSettings mqtt, Path spoolDir, long spoolMaxBytes,
                              long batchWindowNanos, int ringCapacity, int maxInflight,
                              long reconnectMinNanos, long reconnectMaxNanos) {

    public PublisherConfig {
        Topics.checkRobotId(robotId);
        Objects.requireNonNull(mqtt, "mqtt");
        Objects.requireNonNull(spoolDir, "spoolDir");
        if (spoolMaxBytes < 1 << 20) {
            throw new IllegalArgumentException("spool needs at least 1 MiB, got " + spoolMaxBytes);
        }
        if (batchWindowNanos <= 0 || maxInflight < 1 || reconnectMinNanos <= 0 || reconnectMaxNanos < reconnectMinNanos) {
            throw new IllegalArgumentException("batch window, in-flight window and reconnect delays must be positive");
        }
    }

    /** Defaults: 64 MiB spool, 50 ms batches, 8192-frame ring, 16 publishes in flight, 5 ms..0.5 s backoff. */
    public static PublisherConfig defaults(String robotId, MqttSettings mqtt, Path spoolDir) {
        return new PublisherConfig(robotId, mqtt, spoolDir, 64L << 20, 50_000_000L, 8192, 16,
                5_000_000L, 500_000_000L);
    }

    public PublisherConfig withSpoolMaxBytes(long bytes) {
        return new PublisherConfig(robotId, mqtt, spoolDir, bytes, batchWindowNanos, ringCapacity, maxInflight,
                reconnectMinNanos, reconnectMaxNanos);
    }

    public PublisherConfig withBatchWindowNanos(long nanos) {
        return new PublisherConfig(robotId, mqtt, spoolDir, spoolMaxBytes, nanos, ringCapacity, maxInflight,
                reconnectMinNanos, reconnectMaxNanos);
    }

    public PublisherConfig withRingCapacity(int frames) {
        return new PublisherConfig(robotId, mqtt, spoolDir, spoolMaxBytes, batchWindowNanos, frames, maxInflight,
                reconnectMinNanos, reconnectMaxNanos);
    }
}
