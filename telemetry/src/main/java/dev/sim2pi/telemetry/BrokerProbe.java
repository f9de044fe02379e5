package dev.sim2pi.telemetry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.channels.SocketChannel;

/**
 * Asks whether a broker's port accepts TCP connections before Paho is asked to connect. A Paho
 * connect to a broker that is down reports its failure only after tearing its threads down
 * (100-300 ms); while a restarting broker is away those reports, not the backoff, decided how
 * soon clients noticed it was back. A refused probe costs microseconds, so retries can be quick.
 */
public final class BrokerProbe implements AutoCloseable {

    /** Outcome of a probe so far. */
    public enum Result { PENDING, OPEN, REFUSED }

    private final String host;
    private final int port;
    private InetSocketAddress address;
    private SocketChannel pending;
    private long deadlineNanos;

    private BrokerProbe(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** A probe of the host and port of {@code tcp://host[:port]} or {@code ssl://host[:port]}. */
    public static BrokerProbe of(MqttSettings settings) {
        URI uri = URI.create(settings.serverUrl());
        int port = uri.getPort() >= 0 ? uri.getPort() : "ssl".equals(uri.getScheme()) ? 8883 : 1883;
        return new BrokerProbe(uri.getHost(), port);
    }

    /** Starts probing without blocking (a probe in progress is dropped); see {@link #poll}. */
    public void start(long timeoutNanos) {
        close();
        deadlineNanos = System.nanoTime() + timeoutNanos;
        try {
            SocketChannel ch = SocketChannel.open();
            ch.configureBlocking(false);
            pending = ch;
            if (ch.connect(resolved())) {
                pending = null;
                closeQuietly(ch);
                deadlineNanos = 0;
            }
        } catch (IOException | RuntimeException e) {
            close();
            deadlineNanos = -1;
        }
    }

    /** How the probe started by {@link #start} went, without blocking. */
    public Result poll() {
        if (pending == null) {
            return deadlineNanos == 0 ? Result.OPEN : Result.REFUSED;
        }
        try {
            if (pending.finishConnect()) {
                close();
                deadlineNanos = 0;
                return Result.OPEN;
            }
        } catch (IOException | RuntimeException e) {
            close();
            deadlineNanos = -1;
            return Result.REFUSED;
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            close();
            deadlineNanos = -1;
            return Result.REFUSED;
        }
        return Result.PENDING;
    }

    /** Probes, blocking at most {@code timeoutMillis}; true if the port accepted the connection. */
    public boolean open(int timeoutMillis) {
        try (Socket s = new Socket()) {
            s.connect(resolved(), timeoutMillis);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Resolves the host again while it does not resolve (the JVM caches answers). */
    private InetSocketAddress resolved() throws IOException {
        if (address == null || address.isUnresolved()) {
            address = new InetSocketAddress(host, port);
        }
        if (address.isUnresolved()) {
            throw new IOException("cannot resolve " + host);
        }
        return address;
    }

    @Override
    public void close() {
        SocketChannel ch = pending;
        pending = null;
        if (ch != null) {
            closeQuietly(ch);
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // A probe socket: nothing was sent on it.
        }
    }
}
