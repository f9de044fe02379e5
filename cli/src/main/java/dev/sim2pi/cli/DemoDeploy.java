package dev.sim2pi.cli;

import dev.sim2pi.models.bundle.BundleArchive;
import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.PahoThreads;
import dev.sim2pi.telemetry.Topics;
import dev.sim2pi.telemetry.command.CommandSigner;
import dev.sim2pi.telemetry.wire.proto.Command;
import dev.sim2pi.telemetry.wire.proto.CommandAck;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.concurrent.BlockingQueue;
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
 * The demo's deployment stage: the signed bundle goes to the running robot over MQTT as the
 * operator, in a load command signed with the demo's key; the robot verifies signature, hash,
 * golden outputs, task and rate before the loop swaps it in at a period boundary, and answers on
 * {@code cmd/ack}. This is the command channel that {@code controller send load} uses; the
 * gated {@code deploy} (versions, rollback) replaces it here once it lands.
 */
final class DemoDeploy {

    /** What the robot answered. */
    record Outcome(boolean accepted, String detail, double ackSeconds) {
    }

    private DemoDeploy() {
    }

    static Outcome send(MqttSettings operator, String robot, Path signedBundle, KeyPair key, long timeoutMillis)
            throws IOException, MqttException, InterruptedException {
        CommandSigner signer = new CommandSigner(key.getPrivate(), key.getPublic(), InstantSource.system(),
                new SecureRandom(), "sim2pi-demo");
        Command c = signer.loadBundle(robot, BundleArchive.pack(signedBundle));
        BlockingQueue<CommandAck> acks = new LinkedBlockingQueue<>();
        MqttAsyncClient client = new MqttAsyncClient(operator.serverUrl(), "sim2pi-demo-operator", new MemoryPersistence(),
                null, PahoThreads.shared());
        long start = System.nanoTime();
        try {
            client.setCallback(new Acks(acks));
            MqttConnectionOptions o = operator.options();
            o.setCleanStart(true);
            client.connect(o).waitForCompletion(10_000);
            client.subscribe(Topics.commandAck(robot), 1).waitForCompletion(10_000);
            client.publish(Topics.command(robot), c.toByteArray(), 1, false).waitForCompletion(10_000);
            long end = start + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (System.nanoTime() < end) {
                CommandAck a = acks.poll(100, TimeUnit.MILLISECONDS);
                if (a != null && a.getCommandId().equals(c.getCommandId())) {
                    return new Outcome(a.getAccepted(), a.getAccepted() ? a.getMessage()
                            : a.getReason() + ": " + a.getMessage(), (System.nanoTime() - start) * 1e-9);
                }
            }
            return new Outcome(false, "no acknowledgement from robot " + robot + " within " + timeoutMillis / 1000 + " s",
                    (System.nanoTime() - start) * 1e-9);
        } finally {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
            client.close();
        }
    }

    private record Acks(BlockingQueue<CommandAck> acks) implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            acks.add(CommandAck.parseFrom(message.getPayload()));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            // The wait for the acknowledgement times out and says so.
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            // As above.
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // Publishing is awaited directly.
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
