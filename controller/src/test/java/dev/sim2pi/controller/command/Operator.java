package dev.sim2pi.controller.command;

import dev.sim2pi.telemetry.PahoThreads;
import dev.sim2pi.telemetry.Topics;
import dev.sim2pi.telemetry.wire.proto.Command;
import dev.sim2pi.telemetry.wire.proto.CommandAck;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;

/** The operator's side in tests: publishes raw command bytes and collects the robot's acknowledgements. */
final class Operator implements AutoCloseable {

    private final MqttAsyncClient client;
    private final String robot;
    private final Map<String, LinkedBlockingQueue<CommandAck>> acks = new ConcurrentHashMap<>();

    Operator(String brokerUrl, String robot) throws MqttException {
        this.robot = robot;
        client = new MqttAsyncClient(brokerUrl, "operator-" + robot, new MemoryPersistence(), null, PahoThreads.shared());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        // Paho 1.2.5's per-subscription listeners fail without subscription identifiers: use the callback.
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage m) throws Exception {
                CommandAck a = CommandAck.parseFrom(m.getPayload());
                queue(a.getCommandId()).add(a);
            }

            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void deliveryComplete(IMqttToken t) {
            }

            @Override
            public void connectComplete(boolean reconnect, String uri) {
            }

            @Override
            public void authPacketArrived(int code, MqttProperties p) {
            }
        });
        client.connect(o).waitForCompletion(10_000);
        client.subscribe(Topics.commandAck(robot), 1).waitForCompletion(10_000);
    }

    private LinkedBlockingQueue<CommandAck> queue(String id) {
        return acks.computeIfAbsent(id, k -> new LinkedBlockingQueue<>());
    }

    /** Publishes {@code c} and returns the robot's acknowledgement of its id. */
    CommandAck send(Command c) throws Exception {
        return send(c.toByteArray(), c.getCommandId());
    }

    /** Publishes raw bytes and returns the acknowledgement carrying {@code ackId}. */
    CommandAck send(byte[] payload, String ackId) throws Exception {
        client.publish(Topics.command(robot), payload, 1, false).waitForCompletion(10_000);
        CommandAck a = queue(ackId).poll(30, TimeUnit.SECONDS);
        if (a == null) {
            throw new AssertionError("no acknowledgement for '" + ackId + "' within 30 s");
        }
        return a;
    }

    /** Publishes a retained message on the robot's policy topic. */
    void publishPolicy(byte[] payload) throws MqttException {
        client.publish(Topics.policy(robot), payload, 1, true).waitForCompletion(10_000);
    }

    @Override
    public void close() throws MqttException {
        // Clear what this test retained so the broker holds nothing for later tests.
        client.publish(Topics.policy(robot), new byte[0], 1, true).waitForCompletion(10_000);
        client.disconnect().waitForCompletion(10_000);
        client.close();
    }
}
