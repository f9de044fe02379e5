package dev.sim2pi.controller.command;

import dev.sim2pi.telemetry.MqttClients;
import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.PahoThreads;
import dev.sim2pi.telemetry.Topics;
import dev.sim2pi.telemetry.wire.proto.CommandAck;
import java.util.concurrent.TimeUnit;
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
 * The robot's end of the command channel: subscribes to {@code sim2pi/<robot>/cmd} (and the
 * retained bundle on {@code sim2pi/<robot>/policy}), hands each message to the checks and the
 * {@link CommandSink}, and acknowledges it on {@code sim2pi/<robot>/cmd/ack} with the outcome.
 * Its own MQTT connection, apart from telemetry's, so a backlog of frames never delays a stop;
 * it reconnects by itself (0.5 s doubling to 5 s) and never touches the control loop's thread.
 */
public final class CommandChannel implements AutoCloseable, Acknowledger {

    private static final long FIRST_RETRY_MILLIS = 500;
    private static final long MAX_RETRY_MILLIS = 5_000;
    /** Room for the MQTT header and properties around the largest accepted payload. */
    private static final long PACKET_OVERHEAD_BYTES = 64 * 1024;

    private final MqttSettings mqtt;
    private final CommandRules rules;
    private final CommandStats stats = new CommandStats();
    private final CommandDispatcher dispatcher;
    private final String clientId;
    private final Object lock = new Object();
    private MqttAsyncClient client;
    private long retryMillis = FIRST_RETRY_MILLIS;
    private volatile boolean subscribed;
    private volatile boolean closed;

    private CommandChannel(MqttSettings mqtt, CommandRules rules, CommandSink sink) {
        this.mqtt = mqtt;
        this.rules = rules;
        this.clientId = "sim2pi-" + rules.robotId() + "-cmd";
        this.dispatcher = new CommandDispatcher(rules, sink, stats, this::publishAck);
    }

    /** Starts connecting and listening; commands reach {@code sink} once {@link #awaitReady} would return true. */
    public static CommandChannel start(MqttSettings mqtt, CommandRules rules, CommandSink sink) {
        CommandChannel c = new CommandChannel(mqtt, rules, sink);
        c.connect();
        return c;
    }

    public CommandStats stats() {
        return stats;
    }

    /** Whether the channel is connected and subscribed. */
    public boolean ready() {
        return subscribed;
    }

    /** Waits up to {@code timeoutMillis} for the subscriptions to be in place. */
    public boolean awaitReady(long timeoutMillis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!subscribed && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return subscribed;
    }

    private void connect() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            try {
                MqttAsyncClient c = new MqttAsyncClient(mqtt.serverUrl(), clientId, new MemoryPersistence(), null,
                        PahoThreads.shared());
                MqttConnectionOptions o = mqtt.options();
                o.setCleanStart(true);
                // The broker does not forward anything larger (MQTT 5 maximum packet size).
                o.setMaximumPacketSize(rules.maxMessageBytes() + PACKET_OVERHEAD_BYTES);
                c.setCallback(new Callback(c));
                client = c;
                c.connect(o, null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        subscribe(c);
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable e) {
                        retryLater(c);
                    }
                });
            } catch (MqttException | RuntimeException e) {
                retryLater(client);
            }
        }
    }

    private void subscribe(MqttAsyncClient c) {
        try {
            // Policy first: a retained bundle is then in hand before any load command can name it.
            c.subscribe(new MqttSubscription[] {new MqttSubscription(Topics.policy(rules.robotId()), 1),
                    new MqttSubscription(Topics.command(rules.robotId()), 1)}, null, new MqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            synchronized (lock) {
                                retryMillis = FIRST_RETRY_MILLIS;
                            }
                            subscribed = true;
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable e) {
                            retryLater(c);
                        }
                    }, new MqttProperties());
        } catch (MqttException | RuntimeException e) {
            retryLater(c);
        }
    }

    /** Drops connection {@code c} (if it is the current one) and connects again after the backoff. */
    private void retryLater(MqttAsyncClient c) {
        long delay;
        synchronized (lock) {
            if (closed || c != client) {
                return;
            }
            subscribed = false;
            client = null;
            delay = retryMillis;
            retryMillis = Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
        }
        if (c != null) {
            PahoThreads.shared().execute(() -> MqttClients.closeQuietly(c));
        }
        PahoThreads.shared().schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    @Override
    public void acknowledge(String commandId, boolean accepted, String message, String reason) {
        publishAck(CommandAck.newBuilder().setSchemaVersion(dev.sim2pi.telemetry.wire.WireSchema.VERSION)
                .setCommandId(commandId).setAccepted(accepted).setMessage(message == null ? "" : message)
                .setReason(reason == null ? "" : reason).build());
    }

    private void publishAck(CommandAck ack) {
        MqttAsyncClient c;
        synchronized (lock) {
            c = client;
        }
        try {
            if (c == null || !c.isConnected()) {
                stats.countAckFailed();
                return;
            }
            c.publish(Topics.commandAck(rules.robotId()), ack.toByteArray(), 1, false);
        } catch (MqttException | RuntimeException e) {
            stats.countAckFailed();
        }
    }

    @Override
    public void close() {
        MqttAsyncClient c;
        synchronized (lock) {
            closed = true;
            subscribed = false;
            c = client;
            client = null;
        }
        dispatcher.close();
        if (c != null) {
            try {
                if (c.isConnected()) {
                    c.disconnect(1000).waitForCompletion(1000);
                }
            } catch (MqttException | RuntimeException e) {
                // Going away; the broker notices the closed socket.
            }
            MqttClients.closeQuietly(c);
        }
    }

    private final class Callback implements MqttCallback {
        private final MqttAsyncClient owner;

        Callback(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // Paho drops the connection if this throws; the dispatcher never does, this is the last guard.
            try {
                if (topic.equals(Topics.policy(rules.robotId()))) {
                    dispatcher.onPolicy(message.getPayload());
                } else {
                    dispatcher.onCommand(message.getPayload());
                }
            } catch (RuntimeException e) {
                stats.countRefused(Refusal.MALFORMED);
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            retryLater(owner);
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            retryLater(owner);
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // Acks are fire-and-forget at QoS 1; failures to hand them to Paho are counted.
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // Subscriptions are made in the connect listener.
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication.
        }
    }
}
