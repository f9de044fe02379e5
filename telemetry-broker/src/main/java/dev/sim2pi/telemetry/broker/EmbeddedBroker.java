package dev.sim2pi.telemetry.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The MQTT 5 broker {@code sim2pi} starts in-process when no broker URL is given (HiveMQ CE
 * embedded). It listens on 127.0.0.1 only, never reports anonymous usage statistics, and logs
 * through the application's SLF4J provider at warning level (its logback bootstrap is off).
 *
 * <p>Persistence is in memory by default. With a data directory it keeps sessions and queued
 * messages on disk, so a recorder's session (and what was queued for it) survives a broker
 * restart: the benchmark's {@code --restart-broker} uses that.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private final int port;
    private final Path configDir;
    private final Path dataDir;
    private final boolean deleteDataOnClose;
    private volatile EmbeddedHiveMQ hivemq;
    private volatile Thread stopping;
    private final AccessControl access;
    private final java.util.List<Path> freshDataDirs = new java.util.ArrayList<>();
    private final BrokerTls tls;
    private final int tlsPort;

    private EmbeddedBroker(int port, Path configDir, Path dataDir, boolean deleteDataOnClose, AccessControl access,
                           BrokerTls tls, int tlsPort) {
        this.access = access;
        this.tls = tls;
        this.tlsPort = tlsPort;
        this.port = port;
        this.configDir = configDir;
        this.dataDir = dataDir;
        this.deleteDataOnClose = deleteDataOnClose;
    }

    /**
     * Starts a broker.
     *
     * @param port    TCP port on 127.0.0.1, or 0 for a free one
     * @param dataDir where to persist sessions and queues, or null for in-memory persistence
     */
    public static EmbeddedBroker start(int port, Path dataDir) {
        return start(port, dataDir, null);
    }

    /**
     * Starts a broker that admits only the users in {@code credentials} and holds each to its
     * role's topics ({@link dev.sim2pi.telemetry.access.TopicAcl}); null admits anyone (tests and
     * benchmarks of the transport only).
     */
    public static EmbeddedBroker start(int port, Path dataDir, dev.sim2pi.telemetry.access.BrokerCredentials credentials) {
        return start(port, dataDir, credentials, null);
    }

    /**
     * As {@link #start(int, Path, dev.sim2pi.telemetry.access.BrokerCredentials)}, with a TLS
     * listener on 127.0.0.1 beside the plain one when {@code tls} is given ({@link #tlsUrl()}).
     */
    public static EmbeddedBroker start(int port, Path dataDir, dev.sim2pi.telemetry.access.BrokerCredentials credentials,
                                       BrokerTls tls) {
        try {
            int chosen = port == 0 ? freePort() : port;
            int chosenTls = tls == null ? -1 : tls.port() == 0 ? freePort() : tls.port();
            Path config = Files.createTempDirectory("sim2pi-broker-conf");
            boolean inMemory = dataDir == null;
            Path data = inMemory ? Files.createTempDirectory("sim2pi-broker-data") : Files.createDirectories(dataDir);
            Files.writeString(config.resolve("config.xml"), configXml(chosen, inMemory, tls, chosenTls));
            quietLogging();
            EmbeddedBroker b = new EmbeddedBroker(chosen, config, data, inMemory,
                    credentials == null ? null : new AccessControl(credentials), tls, chosenTls);
            b.startAgain();
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded broker's folders", e);
        }
    }

    static String configXml(int port, boolean inMemory) {
        return configXml(port, inMemory, null, -1);
    }

    static String configXml(int port, boolean inMemory, BrokerTls tls, int tlsPort) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>127.0.0.1</bind-address>
                        </tcp-listener>
                %s    </listeners>
                    <mqtt>
                        <queued-messages>
                            <max-queue-size>1000000</max-queue-size>
                        </queued-messages>
                    </mqtt>
                    <persistence>
                        <mode>%s</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, tls == null ? "" : tls.listenerXml(tlsPort, "127.0.0.1"), inMemory ? "in-memory" : "file");
    }

    private static void quietLogging() {
        // Only defaults: an application that configured these keeps its choice.
        System.setProperty("org.slf4j.simpleLogger.log.com.hivemq",
                System.getProperty("org.slf4j.simpleLogger.log.com.hivemq", "warn"));
        System.setProperty("slf4j.internal.verbosity", System.getProperty("slf4j.internal.verbosity", "ERROR"));
    }

    /** Starts the broker (again, after {@link #stop}) on the same port and data folder. */
    public void startAgain() {
        start(dataDir);
    }

    private void start(Path data) {
        var builder = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(configDir)
                .withDataFolder(data)
                .withExtensionsFolder(configDir.resolve("extensions"))
                .withoutLoggingBootstrap();
        if (access != null) {
            builder = builder.withEmbeddedExtension(access.extension());
        }
        hivemq = builder.build();
        try {
            hivemq.start().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the embedded broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the embedded MQTT broker did not start on 127.0.0.1:" + port
                    + " (is the port taken?): " + e.getMessage(), e);
        }
    }

    /** Stops the broker; clients are disconnected. */
    public void stop() {
        EmbeddedHiveMQ h = hivemq;
        hivemq = null;
        if (h != null) {
            stop(h);
        }
    }

    private static void stop(EmbeddedHiveMQ h) {
        try {
            h.stop().get(60, TimeUnit.SECONDS);
            h.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the embedded broker did not stop: " + e.getMessage(), e);
        }
    }

    /**
     * Starts stopping the broker in the background and returns once its port is free (HiveMQ
     * closes the listener within milliseconds but then spends seconds shutting down). Follow with
     * {@link #startFresh()}.
     */
    public void beginStop() {
        EmbeddedHiveMQ old = hivemq;
        hivemq = null;
        if (old == null) {
            return;
        }
        Thread stopper = new Thread(() -> stop(old), "embedded-broker-stop");
        stopper.setDaemon(true);
        stopper.start();
        stopping = stopper;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (stopper.isAlive() && !portFree() && System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    /**
     * Starts a new broker on the same port with empty in-memory state, while a previous one may
     * still be finishing its shutdown: sessions and queued messages are gone, as after a crash.
     */
    public void startFresh() {
        try {
            Path fresh = Files.createTempDirectory("sim2pi-broker-data");
            Files.writeString(configDir.resolve("config.xml"), configXml(port, true, tls, tlsPort));
            freshDataDirs.add(fresh);
            start(fresh);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded broker's folders", e);
        }
    }

    private boolean portFree() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits (at most 60 s) for a broker stopping in the background ({@link #beginStop}) to be done. */
    void awaitStopped() throws InterruptedException {
        Thread s = stopping;
        if (s != null) {
            s.join(60_000);
        }
    }

    /** Connections, publishes and subscriptions refused by access control (zeros when the broker is open). */
    public long[] refusals() {
        return access == null ? new long[3] : new long[] {access.refusedConnects.get(), access.refusedPublishes.get(),
            access.refusedSubscriptions.get()};
    }

    public int port() {
        return port;
    }

    /** The URL clients connect to. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The TLS listener's URL, or null without one. */
    public String tlsUrl() {
        return tls == null ? null : "ssl://127.0.0.1:" + tlsPort;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        stop();
        Thread s = stopping;
        if (s != null) {
            try {
                s.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        freshDataDirs.forEach(EmbeddedBroker::deleteTree);
        deleteTree(configDir);
        if (deleteDataOnClose) {
            deleteTree(dataDir);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Temporary folders only; the OS cleans up what remains.
        }
    }
}
