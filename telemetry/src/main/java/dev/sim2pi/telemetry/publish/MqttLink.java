package dev.sim2pi.telemetry.publish;

import dev.sim2pi.telemetry.MqttClients;
import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.PahoThreads;
import dev.sim2pi.telemetry.wire.proto.TelemetryAck;
import java.util.concurrent.ConcurrentLinkedQueue;
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
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * One Paho connection as the sender thread sees it: connect asynchronously, publish with a
 * completion that lands in a queue the sender drains, notice loss. Paho's callback threads only
 * enqueue and wake the sender; all decisions stay on the sender thread. A new Paho client is
 * made per connection so nothing of a dead connection's state leaks into the next.
 */
final class MqttLink {

    /** A publish whose outcome the sender is waiting for. */
    static final class Pending {
        final Spool.Entry entry;
        final int generation;
        volatile boolean ok;

        Pending(Spool.Entry entry, int generation) {
            this.entry = entry;
            this.generation = generation;
        }
    }

    private final MqttSettings settings;
    private final String clientId;
    private final String ackTopic;
    private final String sessionId;
    private volatile long confirmedThrough = -1;
    private volatile boolean recorderSeen;
    private volatile boolean resendRequested;
    private volatile long gapAfter = -1;
    /** Subscription number last announced per recorder (Paho's callback thread only). */
    private final java.util.Map<String, Long> recorderSubscriptions = new java.util.HashMap<>();
    private final Thread sender;
    final ConcurrentLinkedQueue<Pending> completions = new ConcurrentLinkedQueue<>();
    private MqttAsyncClient client;
    private volatile int generation;
    private volatile boolean connected;
    private volatile boolean connecting;
    private volatile boolean lost;
    private volatile int serverReceiveMaximum = 65535;

    MqttLink(MqttSettings settings, String clientId, String ackTopic, String sessionId, Thread sender) {
        this.settings = settings;
        this.clientId = clientId;
        this.ackTopic = ackTopic;
        this.sessionId = sessionId;
        this.sender = sender;
    }

    /** Highest frame sequence of this session a recorder confirmed stored (-1 before any). */
    long confirmedThrough() {
        return confirmedThrough;
    }

    /** Whether any recorder confirmed frames of this session. */
    boolean recorderSeen() {
        return recorderSeen;
    }

    /**
     * Whether a recorder (re)subscribed since the last call: what the broker took while it was
     * away may be lost, so unconfirmed batches should go out again now.
     */
    boolean takeResendRequest() {
        boolean r = resendRequested;
        resendRequested = false;
        return r;
    }

    /**
     * The sequence after which a recorder reported frames missing since the last call, or -1: it
     * stored later frames, so the broker lost the ones in between.
     */
    long takeGapReport() {
        long g = gapAfter;
        gapAfter = -1;
        return g;
    }

    boolean connected() {
        return connected && !lost;
    }

    boolean connecting() {
        return connecting;
    }

    /** Whether the connection dropped since the last {@link #connect}; the sender then rewinds. */
    boolean lost() {
        return lost;
    }

    int generation() {
        return generation;
    }

    int serverReceiveMaximum() {
        return serverReceiveMaximum;
    }

    /** Starts connecting; the outcome shows in {@link #connected()} / {@link #connecting()}. */
    void connect(String willTopic, byte[] willPayload) {
        // Paho takes 100-300 ms to tear down a dead connection (its stop polls sleep 100 ms):
        // do it aside so the sender connects and keeps cutting batches meanwhile.
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
            client = new MqttAsyncClient(settings.serverUrl(), clientId, new MemoryPersistence(), null,
                    PahoThreads.shared());
            MqttConnectionOptions o = settings.options(() -> {
                if (gen == generation) {
                    lost = true;
                    LockSupport.unpark(sender);
                }
            });
            o.setCleanStart(true);
            MqttMessage will = new MqttMessage(willPayload);
            will.setQos(1);
            will.setRetained(true);
            o.setWill(willTopic, will);
            client.setCallback(new Callback(gen));
            client.connect(o, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    MqttProperties p = token.getResponseProperties();
                    Integer max = p == null ? null : p.getReceiveMaximum();
                    serverReceiveMaximum = max == null ? 65535 : max;
                    if (gen == generation) {
                        try {
                            client.subscribe(ackTopic, 0);
                        } catch (MqttException | RuntimeException e) {
                            lost = true;
                        }
                        connected = true;
                        connecting = false;
                    }
                    LockSupport.unpark(sender);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    // A superseded attempt failing late must not end the current one.
                    if (gen == generation) {
                        connecting = false;
                    }
                    LockSupport.unpark(sender);
                }
            });
        } catch (MqttException | RuntimeException e) {
            connecting = false;
        }
    }

    /** Publishes QoS 1; the outcome arrives in {@link #completions}. False if Paho refused at once. */
    boolean publish(String topic, byte[] payload, boolean retained, Pending pending) {
        try {
            client.publish(topic, payload, 1, retained, pending, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    pending.ok = true;
                    completions.add(pending);
                    LockSupport.unpark(sender);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    completions.add(pending);
                    LockSupport.unpark(sender);
                }
            });
            return true;
        } catch (MqttException | RuntimeException e) {
            lost = true;
            return false;
        }
    }

    /** Publishes without waiting for or tracking the outcome (status updates). */
    void publishUntracked(String topic, byte[] payload, boolean retained) {
        try {
            if (client != null && connected()) {
                client.publish(topic, payload, 1, retained);
            }
        } catch (MqttException | RuntimeException e) {
            lost = true;
        }
    }

    /** Disconnects politely (no last will), waiting at most {@code timeoutMillis}. */
    void disconnect(long timeoutMillis) {
        try {
            if (client != null && client.isConnected()) {
                client.disconnect(timeoutMillis).waitForCompletion(timeoutMillis);
            }
        } catch (MqttException | RuntimeException e) {
            // The broker is gone already; nothing left to tell it.
        }
        closeQuietly();
    }

    private void closeQuietly() {
        MqttAsyncClient c = client;
        client = null;
        connected = false;
        if (c != null) {
            MqttClients.closeQuietly(c);
        }
    }

    private final class Callback implements MqttCallback {
        private final int gen;

        Callback(int gen) {
            this.gen = gen;
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (gen == generation) {
                lost = true;
                LockSupport.unpark(sender);
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            if (gen == generation) {
                lost = true;
                LockSupport.unpark(sender);
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                TelemetryAck ack = TelemetryAck.parseFrom(message.getPayload());
                if (!sessionId.equals(ack.getSessionId())) {
                    return;
                }
                // Any confirmation of this session means a recorder listens, even one that joined late
                // and cannot confirm anything yet (it lacks the frames sent before it came).
                recorderSeen = true;
                Long before = recorderSubscriptions.put(ack.getRecorderId(), ack.getSubscription());
                if (before != null && before != ack.getSubscription()) {
                    resendRequested = true;
                    LockSupport.unpark(sender);
                }
                if (ack.getHighestStored() > ack.getContiguousThrough()) {
                    gapAfter = ack.getContiguousThrough();
                    LockSupport.unpark(sender);
                }
                if (ack.getContiguousThrough() > confirmedThrough) {
                    confirmedThrough = ack.getContiguousThrough();
                    LockSupport.unpark(sender);
                }
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                // Not a confirmation this publisher understands; it only delays trimming the spool.
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // Outcomes arrive through each publish's listener.
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
