package dev.sim2pi.telemetry.publish;

import dev.sim2pi.models.time.Clock;
import dev.sim2pi.telemetry.MqttConnection;
import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.wire.proto.TelemetryAck;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * The publisher's side of its {@link MqttConnection}: publishes whose completions land in a queue
 * the sender drains, and the recorders' confirmations. Paho's callback threads only record and
 * wake the sender; all decisions stay on the sender thread.
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

    private final String sessionId;
    private final MqttConnection connection;
    private volatile long confirmedThrough = -1;
    private volatile boolean recorderSeen;
    private volatile boolean resendRequested;
    private volatile long gapAfter = -1;
    /** Subscription number last announced per recorder (Paho's callback thread only). */
    private final java.util.Map<String, Long> recorderSubscriptions = new java.util.HashMap<>();
    private final Thread sender;
    final ConcurrentLinkedQueue<Pending> completions = new ConcurrentLinkedQueue<>();

    /**
     * @param will the retained last will on {@code willTopic}, made for each connection
     */
    MqttLink(MqttSettings settings, String clientId, String ackTopic, String sessionId, Thread sender, String willTopic,
             Supplier<byte[]> will, Clock clock, long minRetryNanos, long maxRetryNanos) {
        this.sessionId = sessionId;
        this.sender = sender;
        MqttConnection.Spec spec = new MqttConnection.Spec(clientId, true, 0,
                List.of(new MqttSubscription(ackTopic, 0)), willTopic, () -> {
                    MqttMessage m = new MqttMessage(will.get());
                    m.setQos(1);
                    m.setRetained(true);
                    return m;
                });
        this.connection = new MqttConnection(settings, spec, (topic, message) -> confirmation(message), clock,
                minRetryNanos, maxRetryNanos);
        connection.owner(sender);
    }

    MqttConnection connection() {
        return connection;
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
        return connection.connected();
    }

    /** Publishes QoS 1; the outcome arrives in {@link #completions}. False if Paho refused at once. */
    boolean publish(String topic, byte[] payload, boolean retained, Pending pending) {
        try {
            connection.client().publish(topic, payload, 1, retained, pending, new MqttActionListener() {
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
            connection.markLost();
            return false;
        }
    }

    /** Publishes without waiting for or tracking the outcome (status updates). */
    void publishUntracked(String topic, byte[] payload, boolean retained) {
        try {
            MqttAsyncClient c = connection.client();
            if (c != null && connected()) {
                c.publish(topic, payload, 1, retained);
            }
        } catch (MqttException | RuntimeException e) {
            connection.markLost();
        }
    }

    /** A recorder's confirmation ({@code TelemetryAck}), on Paho's callback thread. */
    private void confirmation(MqttMessage message) {
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
}
