package dev.sim2pi.telemetry.monitor;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.sim2pi.telemetry.Topics;
import dev.sim2pi.telemetry.wire.FrameLayout;
import dev.sim2pi.telemetry.wire.WireSchema;
import dev.sim2pi.telemetry.wire.proto.CommandAck;
import dev.sim2pi.telemetry.wire.proto.Event;
import dev.sim2pi.telemetry.wire.proto.Frame;
import dev.sim2pi.telemetry.wire.proto.RecorderStatus;
import dev.sim2pi.telemetry.wire.proto.SessionAnnouncement;
import dev.sim2pi.telemetry.wire.proto.Status;
import dev.sim2pi.telemetry.wire.proto.TelemetryBatch;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the monitor knows of the fleet, built from the messages it receives: each robot's view,
 * recent events, the recorders' status. Everything comes from the network, so everything is
 * checked and capped: unsafe ids, other schema versions, too many channels, robots or recorders
 * are refused, never used to size a buffer.
 */
final class FleetView {

    /** Caps on what the network can make the monitor hold. */
    static final int MAX_ROBOTS = 256;
    static final int MAX_RECORDERS = 64;
    static final int MAX_MESSAGE_BYTES = 4 << 20;
    private static final int MAX_TEXT = 200;
    private static final int MAX_EVENTS = 50;

    private final Map<String, RobotView> robots = new TreeMap<>();
    private final ArrayDeque<String[]> events = new ArrayDeque<>();
    private final Map<String, RecorderStatus> recorders = new TreeMap<>();
    private final OperatorCommands commands;

    /** @param commands told of acknowledgements and robot states, to follow the commands sent */
    FleetView(OperatorCommands commands) {
        this.commands = commands;
    }

    /** Takes one message into the view; false if it is refused (nothing is thrown). */
    boolean accept(String topic, byte[] payload) {
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
                        commands.status(robot, s.getState());
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
                    commands.acknowledged(robot, a);
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

    synchronized void addEvent(String robot, String kind, String message) {
        events.addFirst(new String[] {Long.toString(System.currentTimeMillis()), robot, kind, message});
        while (events.size() > MAX_EVENTS) {
            events.removeLast();
        }
    }

    synchronized int robotCount() {
        return robots.size();
    }

    /** Robots, the selected robot's samples (or the first robot's), events and recorders. */
    synchronized void json(Json j, String selected) {
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
            j.key("selected");
            v.json(j);
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
    }
}
