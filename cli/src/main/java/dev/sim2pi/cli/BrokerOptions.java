package dev.sim2pi.cli;

import dev.sim2pi.models.InputException;
import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.access.BrokerCredentials;
import dev.sim2pi.telemetry.broker.EmbeddedBroker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The broker options shared by telemetry commands: {@code --broker} with its login and TLS options
 * ({@link BrokerLogin}). Without {@code --broker} the command uses the broker already listening on
 * 127.0.0.1 (port {@code --embedded-port}), or starts the embedded one there for the one-machine
 * default, logging in from the credentials file.
 */
final class BrokerOptions {

    @Option(names = "--broker", paramLabel = "URL",
            description = "MQTT broker (tcp://host:1883 or ssl://host:8883). Default: the broker on 127.0.0.1 "
                    + "(--embedded-port), started here if none listens there.")
    String url;

    @Option(names = "--embedded-port", paramLabel = "PORT", defaultValue = "1883",
            description = "Without --broker: the local broker's port; one listening there is used, else an embedded "
                    + "broker is started on it (default ${DEFAULT-VALUE}).")
    int embeddedPort;

    @Mixin
    BrokerLogin login = new BrokerLogin();

    /** A connection target, and the embedded broker to stop afterwards if one was started. */
    record Target(MqttSettings settings, EmbeddedBroker embedded) implements AutoCloseable {
        @Override
        public void close() {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    @Option(names = "--credentials", paramLabel = "FILE", defaultValue = ".sim2pi/broker-credentials.properties",
            description = "Users of the embedded broker (made with random passwords, mode 600, if absent); "
                    + "this command connects as the role it needs (default ${DEFAULT-VALUE}).")
    Path credentials;

    /** The embedded broker's users: read from {@link #credentials}, or made there on first use. */
    BrokerCredentials credentials() {
        if (!Files.exists(credentials)) {
            try {
                BrokerCredentials.generate(java.util.List.of()).write(credentials);
                System.err.println("sim2pi: broker credentials written to " + credentials + " (owner-only)");
            } catch (IOException e) {
                throw new InputException("--credentials " + credentials + ": cannot write (" + e.getMessage() + ")");
            }
        }
        return BrokerCredentials.read(credentials);
    }

    /** Connects as {@code user} of the embedded broker started here when no {@code --broker} is given. */
    Target open(String user) {
        if (url == null && listening(embeddedPort)) {
            // Following the README ('sim2pi broker', then 'sim2pi monitor') lands here: use that broker.
            String running = "tcp://127.0.0.1:" + embeddedPort;
            System.err.println("sim2pi: a broker already listens on 127.0.0.1:" + embeddedPort + "; using it (--broker "
                    + running + ", as '" + user + "' from " + credentials + ")");
            BrokerCredentials.User u = credentials().user(user).orElseThrow(() -> new InputException("--credentials "
                    + credentials + ": no user '" + user + "'"));
            return new Target(new MqttSettings(running, u.name(), u.password().toCharArray(), null, null, null), null);
        }
        if (url == null) {
            BrokerCredentials creds = credentials();
            BrokerCredentials.User u = creds.user(user).orElseThrow(() -> new InputException("--credentials "
                    + credentials + ": no user '" + user + "'"));
            System.err.println("sim2pi: no --broker given, starting an embedded MQTT broker on 127.0.0.1:" + embeddedPort
                    + " (credentials required)");
            EmbeddedBroker b = EmbeddedBroker.start(embeddedPort, null, creds);
            return new Target(new MqttSettings(b.url(), u.name(), u.password().toCharArray(), null, null, null), b);
        }
        return new Target(settings(), null);
    }

    /** Whether something accepts TCP connections on 127.0.0.1:port (a broker started by 'sim2pi broker', say). */
    static boolean listening(int port) {
        if (port <= 0) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The {@code --broker} with its login and TLS options. */
    MqttSettings settings() {
        return login.settings(url);
    }
}
