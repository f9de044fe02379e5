package dev.sim2pi.telemetry.monitor;

import dev.sim2pi.models.time.Clock;
import dev.sim2pi.telemetry.MqttConnection;
import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.Topics;
import dev.sim2pi.telemetry.command.CommandSigner;
import dev.sim2pi.telemetry.wire.proto.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * The monitor's state: an MQTT subscription to every robot's topics and the recorders' status
 * feeding the {@link FleetView}, and the operator commands it publishes ({@link OperatorCommands}).
 */
public final class MonitorState implements AutoCloseable {

    private final OperatorCommands commands;
    private final FleetView fleet;
    private final MqttConnection connection;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    public MonitorState(MqttSettings mqtt) {
        this(mqtt, null);
    }

    /**
     * @param signer the operator key commands are signed with (a robot refuses an unsigned arm), or
     *               null: then only stop and e-stop can be sent
     */
    public MonitorState(MqttSettings mqtt, CommandSigner signer) {
        this.commands = new OperatorCommands(signer);
        this.fleet = new FleetView(commands);
        List<MqttSubscription> subscriptions = new ArrayList<>();
        for (String leaf : List.of(Topics.STATUS, Topics.SESSION, Topics.TELEMETRY, Topics.EVENTS, Topics.COMMAND_ACK)) {
            subscriptions.add(new MqttSubscription(Topics.filter(null, leaf), 0));
        }
        subscriptions.add(new MqttSubscription(Topics.allRecorderStatus(), 0));
        this.connection = new MqttConnection(mqtt, new MqttConnection.Spec("sim2pi-monitor-" + ProcessHandle.current().pid(),
                true, 0, subscriptions, null, null), (topic, message) -> handle(topic, message.getPayload()),
                Clock.system(), 100_000_000L, 2_000_000_000L);
        connection.start("telemetry-monitor-mqtt", () -> { }, 50_000_000L);
    }

    public boolean connected() {
        return connection.connected();
    }

    /**
     * Publishes an operator command to {@code sim2pi/<robot>/cmd}, signed with the monitor's key;
     * returns its id. Its fate shows in the snapshot's {@code commands}.
     */
    public String command(String robot, Command.Kind kind) throws MqttException {
        Topics.checkRobotId(robot);
        Command c = commands.build(robot, kind);
        MqttAsyncClient client = connection.client();
        if (client == null || !connection.connected()) {
            throw new IllegalStateException("not connected to the broker");
        }
        commands.sent(robot, c);
        client.publish(Topics.command(robot), c.toByteArray(), 1, false).waitForCompletion(5000);
        fleet.addEvent(robot, "command_sent", kind + " " + c.getCommandId() + (c.hasSignature() ? " (signed)" : ""));
        return c.getCommandId();
    }

    /** Handles one message; anything it cannot use is counted in {@link #rejectedMessages()}, never thrown. */
    void handle(String topic, byte[] payload) {
        if (fleet.accept(topic, payload)) {
            accepted.incrementAndGet();
        } else {
            rejected.incrementAndGet();
        }
    }

    /** The page's data: all robots' status, the selected robot's recent samples and jitter, events, commands, recorders. */
    public String snapshotJson(String selected) {
        Json j = new Json().begin();
        j.key("connected").value(connection.connected());
        j.key("rejectedMessages").value(rejected.get());
        fleet.json(j, selected);
        commands.json(j);
        return j.end().toString();
    }

    @Override
    public void close() {
        connection.close();
    }

    /** Messages handled and shown. */
    public long acceptedMessages() {
        return accepted.get();
    }

    /** Messages refused: undecodable, wrong schema, unsafe ids, oversized, beyond the caps. */
    public long rejectedMessages() {
        return rejected.get();
    }

    int robotCount() {
        return fleet.robotCount();
    }
}
