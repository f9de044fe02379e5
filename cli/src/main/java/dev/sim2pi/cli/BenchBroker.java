package dev.sim2pi.cli;

import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.access.BrokerCredentials;
import dev.sim2pi.telemetry.broker.EmbeddedBroker;
import java.nio.file.Path;
import java.util.List;

/**
 * The broker a telemetry benchmark runs through, and how each client logs in to it: the embedded
 * broker and a spawned Mosquitto both run with access control and generated credentials (one user
 * per robot, a recorder), as users run them; an external broker takes one login for everyone.
 */
abstract class BenchBroker implements AutoCloseable {

    abstract String url();

    /** Settings for the client logging in as {@code user} (a robot id or {@link BrokerCredentials#RECORDER}). */
    abstract MqttSettings settings(String user);

    /** Stops the broker (restart benchmarks); external brokers cannot. */
    abstract void stop() throws Exception;

    abstract void start() throws Exception;

    @Override
    public abstract void close() throws Exception;

    /** An external broker: {@code login} for every client, no restarts. */
    static BenchBroker external(String url, MqttSettings login) {
        return new BenchBroker() {
            String url() {
                return url;
            }

            MqttSettings settings(String user) {
                return login;
            }

            void stop() {
                throw new IllegalStateException("an external broker cannot be restarted by the bench");
            }

            void start() {
                throw new IllegalStateException("an external broker cannot be restarted by the bench");
            }

            public void close() {
            }
        };
    }

    /** Mosquitto on a free port with the shipped ACL and passwords for {@code robots} and a recorder. */
    static BenchBroker mosquitto(Path dir, List<String> robots) throws Exception {
        BrokerCredentials creds = BrokerCredentials.generate(robots);
        MosquittoProcess m = MosquittoProcess.start(dir, creds);
        return new WithCredentials(creds, m.url()) {
            void stop() throws Exception {
                m.stop();
            }

            void start() throws Exception {
                m.start();
            }

            public void close() throws Exception {
                m.stop();
            }
        };
    }

    /**
     * The embedded broker in memory with access control. A restart stops it in the background and
     * starts a fresh instance on the port at once: HiveMQ needs ~4 s to stop (a fixed 2 s quiet
     * period for its event loops, then its persistence) but frees the port within ~40 ms. The fresh
     * one has forgotten every session: the recorder re-subscribes and publishers resend.
     */
    static BenchBroker embedded(List<String> robots) {
        BrokerCredentials creds = BrokerCredentials.generate(robots);
        EmbeddedBroker b = EmbeddedBroker.start(0, null, creds);
        return new WithCredentials(creds, b.url()) {
            void stop() {
                b.beginStop();
            }

            void start() {
                b.startFresh();
            }

            public void close() {
                b.close();
            }
        };
    }

    /** A broker the bench started, with the users it generated. */
    private abstract static class WithCredentials extends BenchBroker {
        private final BrokerCredentials credentials;
        private final String url;

        WithCredentials(BrokerCredentials credentials, String url) {
            this.credentials = credentials;
            this.url = url;
        }

        @Override
        String url() {
            return url;
        }

        @Override
        MqttSettings settings(String user) {
            BrokerCredentials.User u = credentials.user(user).orElseThrow();
            return new MqttSettings(url, u.name(), u.password().toCharArray(), null, null, null);
        }
    }
}
