package dev.sim2pi.telemetry.monitor;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.sim2pi.models.time.Clock;
import dev.sim2pi.telemetry.MqttConnection;
import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.Topics;
import dev.sim2pi.telemetry.wire.FrameLayout;
import dev.sim2pi.telemetry.wire.WireSchema;
import dev.sim2pi.telemetry.wire.proto.Command;
import dev.sim2pi.telemetry.wire.proto.CommandAck;
import dev.sim2pi.telemetry.wire.proto.Event;
import dev.sim2pi.telemetry.wire.proto.Frame;
import dev.sim2pi.telemetry.wire.proto.RecorderStatus;
import dev.sim2pi.telemetry.wire.proto.SessionAnnouncement;
import dev.sim2pi.telemetry.wire.proto.Status;
import dev.sim2pi.telemetry.wire.proto.TelemetryBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * The monitor's view of the fleet, fed by an MQTT subscription to every robot's topics and the
 * recorders' status; it also publishes operator commands.
 */
public final class MonitorState implements AutoCloseable {

    /** Caps on what the network can make the monitor hold. */
    static final int MAX_ROBOTS = 256;
    static final int MAX_RECORDERS = 64;
    static final int MAX_MESSAGE_BYTES = 4 << 20;
    private static final int MAX_TEXT = 200;

    private final Map<String, RobotView> robots = new TreeMap<>();
    private final ArrayDeque<String[]> events = new ArrayDeque<>();
    private final Map<String, RecorderStatus> recorders = new TreeMap<>();
    private final AtomicLong commandCounter = new AtomicLong();
    private final MqttConnection connection;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    public MonitorState(MqttSettings mqtt) {
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

    /** Publishes an operator command to {@code sim2pi/<robot>/cmd}; returns its id. */
    public String command(String robot, Command.Kind kind) throws MqttException {
        Topics.checkRobotId(robot);
        String id = "monitor-" + ProcessHandle.current().pid() + "-" + commandCounter.incrementAndGet();
        byte[] payload = Command.newBuilder().setSchemaVersion(WireSchema.VERSION).setCommandId(id).setKind(kind)
                .setUnixMillis(System.currentTimeMillis()).setOrigin("monitor").build().toByteArray();
        MqttAsyncClient c = connection.client();
        if (c == null || !connection.connected()) {
            throw new IllegalStateException("not connected to the broker");
        }
        c.publish(Topics.command(robot), payload, 1, false).waitForCompletion(5000);
        addEvent(robot, "command_sent", kind + " " + id);
        return id;
    }

    /** Handles one message; anything it cannot use is counted in {@link #rejectedMessages()}, never thrown. */
    void handle(String topic, byte[] payload) {
        if (accept(topic, payload)) {
            accepted.incrementAndGet();
        } else {
            rejected.incrementAndGet();
        }
    }

    private boolean accept(String topic, byte[] payload) {
        if (topic == null || payload == null || payload.length > MAX_MESSAGE_BYTES) {
            return false;
        }
        try {
            if (topic.startsWith(Topics.RECORDER_ROOT + "/")) {
                RecorderStatus s = RecorderStatus.parseFrom(payload);
                if (s.getSchemaVersion() != WireSchema.VERSION || !Topics.isSafeId(s.getClientId())) {
                    return false;
                }
                synchronized (this) {
                    if (!recorders.containsKey(s.getClientId()) && recorders.size() >= MAX_RECORDERS) {
                        return false;
                    }
                    recorders.put(s.getClientId(), s);
                }
                return true;
            }
            String robot = Topics.robotOf(topic);
            String leaf = Topics.leafOf(topic);
            if (robot == null || !Topics.isSafeId(robot)) {
                return false;
            }
            synchronized (this) {
                if (!robots.containsKey(robot) && robots.size() >= MAX_ROBOTS) {
                    return false;
                }
            }
            switch (leaf) {
                case Topics.TELEMETRY -> {
                    TelemetryBatch b = TelemetryBatch.parseFrom(payload);
                    if (b.getSchemaVersion() != WireSchema.VERSION || !robot.equals(b.getRobotId())
                            || !Topics.isSafeId(b.getSessionId())) {
                        return false;
                    }
                    long firstFrame = b.getFramesCount() > 0 ? b.getFrames(0).getSequence() : b.getFirstSequence();
                    if (b.getFirstSequence() > firstFrame || b.getResendFloor() > firstFrame) {
                        return false;
                    }
                    for (Frame f : b.getFramesList()) {
                        if (RobotView.channels(f) > RobotView.MAX_CHANNELS) {
                            return false;
                        }
                    }
                    synchronized (this) {
                        RobotView v = view(robot);
                        if (!b.getSessionId().equals(v.session)) {
                            v.session = b.getSessionId();
                            v.lastSequence = -1;
                        }
                        for (Frame f : b.getFramesList()) {
                            v.add(f);
                        }
                    }
                }
                case Topics.SESSION -> {
                    SessionAnnouncement a = SessionAnnouncement.parseFrom(payload);
                    if (a.getSchemaVersion() != WireSchema.VERSION || !robot.equals(a.getRobotId())
                            || a.getSensors().getChannelsCount() + a.getObservation().getChannelsCount()
                                    + a.getActions().getChannelsCount() > RobotView.MAX_CHANNELS) {
                        return false;
                    }
                    FrameLayout layout = FrameLayout.fromAnnouncement(a);
                    synchronized (this) {
                        RobotView v = view(robot);
                        v.layout = layout;
                        v.task = clip(a.getTaskId()) + " v" + a.getTaskVersion();
                    }
                }
                case Topics.STATUS -> {
                    Status s = Status.parseFrom(payload);
                    if (s.getSchemaVersion() != WireSchema.VERSION) {
                        return false;
                    }
                    String now = s.getState().name();
                    synchronized (this) {
                        RobotView v = view(robot);
                        String before = v.state;
                        v.state = now;
                        if (!now.equals(before)) {
                            addEvent(robot, s.getState() == Status.State.OFFLINE ? "offline" : "state",
                                    (before.equals(RobotView.UNKNOWN) ? "seen " : before + " -> ") + now);
                        }
                    }
                }
                case Topics.EVENTS -> {
                    Event e = Event.parseFrom(payload);
                    if (e.getSchemaVersion() != WireSchema.VERSION) {
                        return false;
                    }
                    addEvent(robot, clip(e.getKind()), clip(e.getMessage()));
                }
                case Topics.COMMAND_ACK -> {
                    CommandAck a = CommandAck.parseFrom(payload);
                    if (a.getSchemaVersion() != WireSchema.VERSION) {
                        return false;
                    }
                    addEvent(robot, a.getAccepted() ? "command_accepted" : "command_refused",
                            clip(a.getCommandId()) + " " + clip(a.getMessage()));
                }
                default -> {
                    return false;
                }
            }
            return true;
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            return false;
        }
    }

    private static String clip(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
    }

    private RobotView view(String robot) {
        return robots.computeIfAbsent(robot, RobotView::new);
    }

    private synchronized void addEvent(String robot, String kind, String message) {
        events.addFirst(new String[] {Long.toString(System.currentTimeMillis()), robot, kind, message});
        while (events.size() > 50) {
            events.removeLast();
        }
    }

    /** The page's data: all robots' status, the selected robot's recent samples and jitter, events, recorders. */
    public synchronized String snapshotJson(String selected) {
        Json j = new Json().begin();
        j.key("connected").value(connection.connected());
        j.key("rejectedMessages").value(rejected.get());
        j.key("robots").beginArray();
        for (RobotView v : robots.values()) {
            j.begin().key("id").value(v.id).key("state").value(v.state).key("session").value(v.session)
                    .key("task").value(v.task).key("frames").value(v.frames).key("gaps").value(v.gaps).end();
        }
        j.endArray();
        RobotView v = selected == null ? null : robots.get(selected);
        if (v == null && !robots.isEmpty()) {
            v = robots.values().iterator().next();
        }
        if (v != null) {
            j.key("selected").begin().key("id").value(v.id);
            j.key("channels").beginArray();
            for (String n : v.channelNames()) {
                j.value(n);
            }
            j.endArray();
            j.key("t").beginArray();
            int start = (v.head - v.count + RobotView.HISTORY) % RobotView.HISTORY;
            for (int i = 0; i < v.count; i++) {
                j.value(v.times[(start + i) % RobotView.HISTORY]);
            }
            j.endArray();
            j.key("values").beginArray();
            for (double[] ch : v.values) {
                j.beginArray();
                for (int i = 0; i < v.count; i++) {
                    j.value((float) ch[(start + i) % RobotView.HISTORY]);
                }
                j.endArray();
            }
            j.endArray();
            j.key("jitterBoundsMicros").beginArray();
            for (long b : RobotView.JITTER_BOUNDS_MICROS) {
                j.value(b);
            }
            j.endArray();
            j.key("jitter").beginArray();
            for (long c : v.jitter) {
                j.value(c);
            }
            j.endArray();
            j.end();
        }
        j.key("events").beginArray();
        for (String[] e : events) {
            j.begin().key("unixMillis").value(Long.parseLong(e[0])).key("robot").value(e[1]).key("kind").value(e[2])
                    .key("message").value(e[3]).end();
        }
        j.endArray();
        j.key("recorders").beginArray();
        for (RecorderStatus r : recorders.values()) {
            j.begin().key("id").value(r.getClientId()).key("online").value(r.getOnline())
                    .key("frames").value(r.getFramesWritten()).key("missing").value(r.getMissing())
                    .key("duplicates").value(r.getDuplicates()).key("malformed").value(r.getMalformed())
                    .key("bytes").value(r.getBytes()).key("datasets").value(r.getDatasets()).end();
        }
        j.endArray();
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

    synchronized int robotCount() {
        return robots.size();
    }
}
