package dev.sim2pi.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.sim2pi.models.InputException;
import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.PahoThreads;
import dev.sim2pi.telemetry.Topics;
import dev.sim2pi.telemetry.wire.proto.Command;
import dev.sim2pi.telemetry.wire.proto.CommandAck;
import dev.sim2pi.telemetry.wire.proto.Event;
import dev.sim2pi.telemetry.wire.proto.PolicyDeployment;
import dev.sim2pi.telemetry.wire.proto.Status;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The operator's connection to one robot for a deployment: reads back the retained bundle on
 * {@code policy} and the retained {@code status}, publishes a bundle (retained) and the gate's
 * decision, sends commands and collects their acknowledgements.
 */
final class RobotLink implements AutoCloseable {

    private static final long MQTT_WAIT_MILLIS = 10_000;

    private final MqttAsyncClient client;
    private final String robot;
    private volatile Status status;
    private volatile PolicyDeployment policy;
    private final LinkedBlockingQueue<CommandAck> acks = new LinkedBlockingQueue<>();
    private final Object statusArrived = new Object();

    private RobotLink(MqttAsyncClient client, String robot) {
        this.client = client;
        this.robot = robot;
    }

    /** Connects and subscribes; retained policy first, so it is in hand once the retained status is. */
    static RobotLink open(MqttSettings mqtt, String robot, String role) {
        Topics.checkRobotId(robot);
        MqttAsyncClient c = null;
        try {
            c = new MqttAsyncClient(mqtt.serverUrl(), "sim2pi-" + role + "-" + robot + "-" + ProcessHandle.current().pid()
                    + "-" + System.nanoTime() % 100_000, new MemoryPersistence(), null, PahoThreads.shared());
            RobotLink link = new RobotLink(c, robot);
            c.setCallback(link.new Callback());
            MqttConnectionOptions o = mqtt.options();
            o.setCleanStart(true);
            c.connect(o).waitForCompletion(MQTT_WAIT_MILLIS);
            c.subscribe(Topics.commandAck(robot), 1).waitForCompletion(MQTT_WAIT_MILLIS);
            c.subscribe(Topics.policy(robot), 1).waitForCompletion(MQTT_WAIT_MILLIS);
            c.subscribe(Topics.status(robot), 1).waitForCompletion(MQTT_WAIT_MILLIS);
            return link;
        } catch (MqttException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (MqttException ignored) {
                    // Not connected.
                }
            }
            throw new InputException("--broker " + mqtt.serverUrl() + ": " + e.getMessage(), e);
        }
    }

    /** The robot's retained status, waiting up to {@code millis} for it; null if none came. */
    Status awaitStatus(long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (statusArrived) {
            while (status == null) {
                long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                statusArrived.wait(left);
            }
        }
        return status;
    }

    /** The bundle retained on the robot's policy topic when the status came, or null. */
    PolicyDeployment retainedPolicy() {
        return policy;
    }

    void publishPolicy(PolicyDeployment d) throws MqttException {
        client.publish(Topics.policy(robot), d.toByteArray(), 1, true).waitForCompletion(MQTT_WAIT_MILLIS);
    }

    /** The gate's decision, retained on {@code sim2pi/<robot>/deploy}. */
    void publishDecision(Event e) throws MqttException {
        client.publish(Topics.deploy(robot), e.toByteArray(), 1, true).waitForCompletion(MQTT_WAIT_MILLIS);
    }

    void send(Command c) throws MqttException {
        client.publish(Topics.command(robot), c.toByteArray(), 1, false).waitForCompletion(MQTT_WAIT_MILLIS);
    }

    /** The next acknowledgement of {@code commandId} within {@code millis}, or null. */
    CommandAck awaitAck(String commandId, long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            CommandAck a = acks.poll(left, TimeUnit.NANOSECONDS);
            if (a != null && a.getCommandId().equals(commandId)) {
                return a;
            }
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
            client.close();
        } catch (MqttException e) {
            // Going away.
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                String leaf = Topics.leafOf(topic);
                if ("cmd/ack".equals(leaf)) {
                    acks.add(CommandAck.parseFrom(message.getPayload()));
                } else if ("policy".equals(leaf)) {
                    policy = message.getPayload().length == 0 ? null : PolicyDeployment.parseFrom(message.getPayload());
                } else if ("status".equals(leaf)) {
                    synchronized (statusArrived) {
                        status = Status.parseFrom(message.getPayload());
                        statusArrived.notifyAll();
                    }
                }
            } catch (InvalidProtocolBufferException e) {
                // Not ours to judge here: a malformed retained message reads as none.
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            // Waits time out and say so.
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            // As above.
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // Publishes are awaited directly.
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // One connection per deployment.
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication.
        }
    }
}
