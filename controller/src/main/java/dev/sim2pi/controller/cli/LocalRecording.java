package dev.sim2pi.controller.cli;

import dev.sim2pi.telemetry.MqttSettings;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * {@code run --record DIR}: a broker and a recorder in this process writing the robot's dataset
 * to DIR. The controller module has no broker (the Pi distribution must not carry one), so the
 * workstation {@code sim2pi} provides this through {@link ServiceLoader}; on the Pi it is absent
 * and {@code --record} says to use {@code --broker}.
 */
public interface LocalRecording extends AutoCloseable {

    /** Starts broker and recorder; returns how the robot's publisher connects. */
    MqttSettings start(Path datasetDir, String robotId);

    /**
     * Waits (at most {@code timeoutMillis}) until {@code frames} frames were written, then stops
     * recorder and broker. Returns the frames written.
     */
    long finish(long frames, long timeoutMillis);

    @Override
    void close();

    /** The implementation on the class path, if any. */
    static Optional<LocalRecording> find() {
        return ServiceLoader.load(LocalRecording.class).findFirst();
    }
}
