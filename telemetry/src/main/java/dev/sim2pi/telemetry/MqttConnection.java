package dev.sim2pi.telemetry;

import dev.sim2pi.models.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * One MQTT connection kept up, the same way for the publisher, the recorder and the monitor:
 * connect only once a {@link BrokerProbe} finds the broker's port open ({@link ReconnectSchedule}:
 * quick probes through the first second of an outage, then backing off), subscribe again after
 * every (re)connection, and notice a lost connection as soon as its socket's input ends.
 *
 * <p>Nothing here blocks. The owner's thread drives it with {@link #step}, or {@link #start} gives
 * it a thread of its own that also runs the owner's periodic work. A new Paho client is made per
 * connection, so nothing of a dead connection leaks into the next; the dead one is torn down aside
 * (Paho takes 100-300 ms for that). Messages arrive on Paho's callback thread.
 */
public final class MqttConnection implements AutoCloseable {

    /** What the owner hears; every method is called on a Paho thread and must not block. */
    public interface Listener {
        /** A message arrived on one of the subscriptions. */
        void message(String topic, MqttMessage message);

        /** Subscribed after a (re)connection; {@code client} is the new connection. */
        default void subscribed(MqttAsyncClient client) {
        }
    }

    /**
     * How to connect.
     *
     * @param clientId             MQTT client id
     * @param cleanStart           false to resume the broker's session for this client id
     * @param sessionExpirySeconds how long the broker keeps that session (0 = ends with the connection)
     * @param subscriptions        made again after every connection
     * @param willTopic            last will's topic, or null for none
     * @param will                 the last will, made anew for every connection
     */
    public record Spec(String clientId, boolean cleanStart, long sessionExpirySeconds, List<MqttSubscription> subscriptions,
                       String willTopic, Supplier<MqttMessage> will) {
        public Spec {
            Objects.requireNonNull(clientId, "clientId");
            subscriptions = List.copyOf(subscriptions);
        }
    }

    private static final long MIN_RETRY_NANOS = 5_000_000L;
    private static final long MAX_RETRY_NANOS = 500_000_000L;

    private final MqttSettings settings;
    private final Spec spec;
    private final Listener listener;
    private final Clock clock;
    private final ReconnectSchedule schedule;
    private volatile Thread owner;
    private volatile MqttAsyncClient client;
    private volatile int generation;
    private volatile boolean connected;
    private volatile boolean connecting;
    private volatile boolean lost;
    private volatile int serverReceiveMaximum = 65535;
    private volatile boolean running = true;
    /** Whether the owner has been told of the current connection (owner's thread only). */
    private boolean up;
    private Thread thread;

    /** Reconnects between 5 ms and 0.5 s apart. */
    public MqttConnection(MqttSettings settings, Spec spec, Listener listener, Clock clock) {
        this(settings, spec, listener, clock, MIN_RETRY_NANOS, MAX_RETRY_NANOS);
    }

    public MqttConnection(MqttSettings settings, Spec spec, Listener listener, Clock clock, long minRetryNanos,
                          long maxRetryNanos) {
        this.settings = settings;
        this.spec = spec;
        this.listener = listener;
        this.clock = clock;
        this.schedule = new ReconnectSchedule(settings, minRetryNanos, maxRetryNanos, clock.nanoTime());
        this.owner = Thread.currentThread();
    }

    /** The thread woken when the connection changes: the one calling {@link #step}. */
    public void owner(Thread t) {
        owner = t;
    }

    /**
     * Advances the connection without blocking: notices a loss, probes, starts connecting when the
     * broker's port is open. Returns what changed for the owner; {@code mayConnect} false only
     * keeps it from starting a new connection (a publisher past its drain time).
     */
    public Change step(long nowNanos, boolean mayConnect) {
        if (up && (lost || !connected) && !connecting) {
            up = false;
            // A broker restart is often over in milliseconds: probe at once, then back off.
            schedule.lost(nowNanos);
            return Change.LOST;
        }
        if (!up && connected && !lost) {
            up = true;
            schedule.connected();
            return Change.CONNECTED;
        }
        if (!up && !connecting && mayConnect && schedule.connectNow(nowNanos)) {
            connect();
        }
        return Change.NONE;
    }

    /** What {@link #step} saw change. */
    public enum Change { NONE, CONNECTED, LOST }

    /**
     * When the owner should call {@link #step} again at the latest while waiting to connect;
     * {@link Long#MAX_VALUE} while a connect is under way (its listener wakes the owner) or connected.
     */
    public long wakeAt(long nowNanos) {
        return up || connecting ? Long.MAX_VALUE : schedule.wakeAt(nowNanos);
    }

    /**
     * Runs the connection on a daemon thread of its own, calling {@code tick} at least every
     * {@code tickNanos} (the owner's periodic work; it must not throw).
     */
    public void start(String threadName, Runnable tick, long tickNanos) {
        thread = new Thread(() -> {
            while (running) {
                long now = clock.nanoTime();
                step(now, true);
                tick.run();
                long wake = Math.min(wakeAt(now), now + tickNanos);
                LockSupport.parkNanos(this, Math.max(0, Math.min(wake - clock.nanoTime(), tickNanos)));
            }
        }, threadName);
        thread.setDaemon(true);
        owner = thread;
        thread.start();
    }

    /** Connected and subscribed, and not known to be lost. */
    public boolean connected() {
        return connected && !lost;
    }

    public boolean connecting() {
        return connecting;
    }

    /** Whether the current connection was lost (the owner's next {@link #step} reports it). */
    public boolean lost() {
        return lost;
    }

    /** Counts connections started; publishes remember it to tell a dead connection's outcomes apart. */
    public int generation() {
        return generation;
    }

    /** The broker's receive maximum (publishes it takes unacknowledged) of the last connection. */
    public int serverReceiveMaximum() {
        return serverReceiveMaximum;
    }

    /** The current connection's client, or null; check {@link #connected()} first. */
    public MqttAsyncClient client() {
        return client;
    }

    /** Marks the connection lost (a publish Paho refused); the next {@link #step} reports it. */
    public void markLost() {
        lost = true;
        wake();
    }

    private void wake() {
        Thread t = owner;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void connect() {
        MqttAsyncClient old = client;
        client = null;
        if (old != null) {
            PahoThreads.shared().execute(() -> MqttClients.closeQuietly(old));
        }
        connecting = true;
        lost = false;
        connected = false;
        int gen = ++generation;
        try {
            MqttAsyncClient c = new MqttAsyncClient(settings.serverUrl(), spec.clientId(), new MemoryPersistence(), null,
                    PahoThreads.shared());
            MqttConnectionOptions o = settings.options(() -> endOf(gen));
            o.setCleanStart(spec.cleanStart());
            if (spec.sessionExpirySeconds() > 0) {
                o.setSessionExpiryInterval(spec.sessionExpirySeconds());
            }
            if (spec.willTopic() != null) {
                o.setWill(spec.willTopic(), spec.will().get());
            }
            c.setCallback(new Callback(gen));
            client = c;
            c.connect(o, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    MqttProperties p = token.getResponseProperties();
                    Integer max = p == null ? null : p.getReceiveMaximum();
                    serverReceiveMaximum = max == null ? 65535 : max;
                    subscribe(c, gen);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    failed(gen);
                }
            });
        } catch (MqttException | RuntimeException e) {
            connecting = false;
        }
    }

    private void subscribe(MqttAsyncClient c, int gen) {
        if (spec.subscriptions().isEmpty()) {
            established(c, gen);
            return;
        }
        try {
            c.subscribe(spec.subscriptions().toArray(MqttSubscription[]::new), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    established(c, gen);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    failed(gen);
                    endOf(gen);
                }
            }, new MqttProperties());
        } catch (MqttException | RuntimeException e) {
            failed(gen);
            endOf(gen);
        }
    }

    private void established(MqttAsyncClient c, int gen) {
        if (gen != generation) {
            return;
        }
        try {
            listener.subscribed(c);
        } catch (RuntimeException e) {
            // The owner's bookkeeping must not keep the connection from being used.
        }
        connected = true;
        connecting = false;
        wake();
    }

    /** A superseded attempt failing late must not end the current one. */
    private void failed(int gen) {
        if (gen == generation) {
            connecting = false;
        }
        wake();
    }

    /** Only the current connection's end counts; closing an old one aside must not. */
    private void endOf(int gen) {
        if (gen == generation) {
            lost = true;
            wake();
        }
    }

    /** Disconnects politely (no last will), waiting at most {@code timeoutMillis}, and frees the client. */
    public void disconnect(long timeoutMillis) {
        MqttAsyncClient c = client;
        client = null;
        connected = false;
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnect(timeoutMillis).waitForCompletion(timeoutMillis);
            }
        } catch (MqttException | RuntimeException e) {
            // The broker is gone already; nothing left to tell it.
        }
        MqttClients.closeQuietly(c);
    }

    /** Stops its thread (if {@link #start}ed), disconnects and stops probing. */
    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        disconnect(500);
        schedule.close();
    }

    private final class Callback implements MqttCallback {
        private final int gen;

        Callback(int gen) {
            this.gen = gen;
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            endOf(gen);
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            endOf(gen);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            listener.message(topic, message);
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // Owners track their publishes through listeners.
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // Handled by the connect listener.
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication.
        }
    }
}
