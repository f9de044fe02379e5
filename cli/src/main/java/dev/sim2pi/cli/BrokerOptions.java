package dev.sim2pi.cli;

import dev.sim2pi.models.InputException;
import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.broker.EmbeddedBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The broker options shared by telemetry commands. Without {@code --broker} the command starts
 * the embedded broker on 127.0.0.1 (port {@code --embedded-port}) for the one-machine default.
 */
final class BrokerOptions {

    @Option(names = "--broker", paramLabel = "URL",
            description = "MQTT broker (tcp://host:1883 or ssl://host:8883). Default: start an embedded broker on 127.0.0.1.")
    String url;

    @Option(names = "--embedded-port", paramLabel = "PORT", defaultValue = "1883",
            description = "Port of the embedded broker started when --broker is not given (default ${DEFAULT-VALUE}).")
    int embeddedPort;

    @Option(names = "--username", description = "MQTT user name.")
    String username;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the MQTT password.")
    Path passwordFile;

    @Option(names = "--ca-file", paramLabel = "PEM", description = "CA certificates to trust for ssl:// brokers.")
    Path caFile;

    /** A connection target, and the embedded broker to stop afterwards if one was started. */
    record Target(MqttSettings settings, EmbeddedBroker embedded) implements AutoCloseable {
        @Override
        public void close() {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    Target open() {
        if (url == null) {
            System.err.println("sim2pi: no --broker given, starting an embedded MQTT broker on 127.0.0.1:" + embeddedPort);
            EmbeddedBroker b = EmbeddedBroker.start(embeddedPort, null);
            return new Target(MqttSettings.of(b.url()), b);
        }
        return new Target(settings(), null);
    }

    MqttSettings settings() {
        char[] password = null;
        if (passwordFile != null) {
            try {
                password = Files.readAllLines(passwordFile).stream().findFirst().orElse("").toCharArray();
            } catch (IOException e) {
                throw new InputException("--password-file " + passwordFile + ": cannot read (" + e.getMessage() + ")");
            }
        }
        if (caFile != null && !Files.isReadable(caFile)) {
            throw new InputException("--ca-file " + caFile + ": no such readable file");
        }
        return new MqttSettings(url, username, password, caFile, null, null);
    }
}
