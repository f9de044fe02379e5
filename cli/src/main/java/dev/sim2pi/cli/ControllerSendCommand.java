package dev.sim2pi.cli;

import dev.sim2pi.models.InputException;
import dev.sim2pi.models.bundle.BundleArchive;
import dev.sim2pi.models.bundle.Ed25519Keys;
import dev.sim2pi.telemetry.PahoThreads;
import dev.sim2pi.telemetry.Topics;
import dev.sim2pi.telemetry.command.CommandSigner;
import dev.sim2pi.telemetry.wire.proto.Command;
import dev.sim2pi.telemetry.wire.proto.CommandAck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
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

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Sends one signed operator command to a robot and prints its acknowledgement. */
@picocli.CommandLine.Command(name = "send", description = "Send a signed command to a robot: arm | stop | estop | reset | set NAME=VALUE | load BUNDLE.")
final class ControllerSendCommand implements Callable<Integer> {

    @Mixin
    BrokerOptions broker;

    @Option(names = "--robot", required = true, paramLabel = "ID", description = "Robot id.")
    String robot;

    @Option(names = "--key", required = true, paramLabel = "PREFIX",
            description = "Operator key pair prefix (PREFIX.key and PREFIX.pub, from 'bundle keygen'); the robot must trust PREFIX.pub.")
    Path key;

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "S", description = "Seconds to wait for the acknowledgement (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--force", description = "load: even a bundle older than the running one, or one the robot rolled back.")
    boolean force;

    @Parameters(index = "0", paramLabel = "COMMAND", description = "arm, stop, estop, reset, set or load.")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ARG", description = "NAME=VALUE for set; a bundle folder or .s2p archive for load.")
    String argument;

    @Override
    public Integer call() throws Exception {
        if (broker.url == null) {
            throw new InputException("--broker: required (the robot's broker, tcp://host:1883 or ssl://host:8883)");
        }
        Topics.checkRobotId(robot);
        CommandSigner signer = new CommandSigner(Ed25519Keys.readPrivate(Path.of(key + ".key")),
                Ed25519Keys.readPublic(Path.of(key + ".pub")), InstantSource.system(), new SecureRandom(), "cli");
        Command c = command(signer);
        BlockingQueue<CommandAck> acks = new LinkedBlockingQueue<>();
        MqttAsyncClient client = new MqttAsyncClient(broker.settings().serverUrl(), "sim2pi-send-" + ProcessHandle.current().pid(),
                new MemoryPersistence(), null, PahoThreads.shared());
        try {
            client.setCallback(new AckCallback(acks));
            MqttConnectionOptions o = broker.settings().options();
            o.setCleanStart(true);
            client.connect(o).waitForCompletion(10_000);
            client.subscribe(Topics.commandAck(robot), 1).waitForCompletion(10_000);
            client.publish(Topics.command(robot), c.toByteArray(), 1, false).waitForCompletion(10_000);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (System.nanoTime() < end) {
                CommandAck a = acks.poll(100, TimeUnit.MILLISECONDS);
                if (a != null && a.getCommandId().equals(c.getCommandId())) {
                    System.out.println(a.getAccepted() ? "accepted: " + a.getMessage()
                            : "refused (" + a.getReason() + "): " + a.getMessage());
                    return a.getAccepted() ? 0 : 1;
                }
            }
            System.err.println("sim2pi: no acknowledgement from robot " + robot + " within " + timeoutSeconds + " s");
            return 1;
        } catch (MqttException e) {
            throw new InputException("--broker " + broker.url + ": " + e.getMessage(), e);
        } finally {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
            client.close();
        }
    }

    private Command command(CommandSigner signer) throws IOException {
        return switch (action) {
            case "arm" -> signer.arm(robot);
            case "stop" -> signer.stop(robot);
            case "estop" -> signer.emergencyStop(robot);
            case "reset" -> signer.reset(robot);
            case "set" -> {
                int eq = argument == null ? -1 : argument.indexOf('=');
                if (eq <= 0) {
                    throw new InputException("set: expected NAME=VALUE, got " + argument);
                }
                try {
                    yield signer.setInput(robot, argument.substring(0, eq), Double.parseDouble(argument.substring(eq + 1)));
                } catch (NumberFormatException e) {
                    throw new InputException("set " + argument + ": the value is not a number");
                }
            }
            case "load" -> {
                if (argument == null) {
                    throw new InputException("load: expected a bundle folder or .s2p archive");
                }
                Path p = Path.of(argument);
                byte[] archive = Files.isDirectory(p) ? BundleArchive.pack(p) : Files.readAllBytes(p);
                yield signer.sign(robot, Command.newBuilder().setKind(Command.Kind.LOAD_BUNDLE)
                        .setBundleArchive(com.google.protobuf.ByteString.copyFrom(archive)).setForce(force));
            }
            default -> throw new InputException("command '" + action + "': expected arm, stop, estop, reset, set or load");
        };
    }

    private record AckCallback(BlockingQueue<CommandAck> acks) implements MqttCallback {
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
            // One connection per command.
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication.
        }
    }
}
