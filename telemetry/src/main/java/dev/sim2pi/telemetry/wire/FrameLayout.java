package dev.sim2pi.telemetry.wire;

import dev.sim2pi.models.task.Channel;
import dev.sim2pi.models.task.Layout;
import dev.sim2pi.models.task.RobotTask;
import dev.sim2pi.telemetry.wire.proto.SessionAnnouncement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the float arrays of a telemetry frame mean: the task's sensor, observation and action
 * layouts plus the names of the loop stages and safety flags. Announced once per session.
 *
 * @param taskId          robot task id, for example {@code balancer}
 * @param taskVersion     robot task version
 * @param controlRateHz   nominal loop rate
 * @param sensors         raw readings ({@link RobotTask#sensors()})
 * @param observation     policy input ({@link RobotTask#observationLayout()})
 * @param actions         policy output and applied command ({@link RobotTask#actions()})
 * @param stageNames      loop stages timed per frame, for example {@code read}, {@code infer}
 * @param safetyFlagNames bit i of a frame's safety flags is named {@code safetyFlagNames[i]}
 */
public record FrameLayout(String taskId, int taskVersion, double controlRateHz, Layout sensors,
                          Layout observation, Layout actions, List<String> stageNames,
                          List<String> safetyFlagNames) {

    public FrameLayout {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(sensors, "sensors");
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(actions, "actions");
        stageNames = List.copyOf(stageNames);
        safetyFlagNames = List.copyOf(safetyFlagNames);
        if (safetyFlagNames.size() > 32) {
            throw new IllegalArgumentException("at most 32 safety flags fit a frame, got " + safetyFlagNames.size());
        }
    }

    /** The layout of a task's frames with the given loop stages and safety flags. */
    public static FrameLayout of(RobotTask task, List<String> stageNames, List<String> safetyFlagNames) {
        return new FrameLayout(task.id(), task.version(), task.controlRateHz(), task.sensors(),
                task.observationLayout(), task.actions(), stageNames, safetyFlagNames);
    }

    /** The announcement of a session with this layout. */
    public SessionAnnouncement announce(String robotId, String sessionId, long startedUnixMillis,
                                        long startedMonotonicNanos) {
        return SessionAnnouncement.newBuilder()
                .setSchemaVersion(WireSchema.VERSION)
                .setRobotId(robotId)
                .setSessionId(sessionId)
                .setTaskId(taskId)
                .setTaskVersion(taskVersion)
                .setControlRateHz(controlRateHz)
                .setSensors(toProto(sensors))
                .setObservation(toProto(observation))
                .setActions(toProto(actions))
                .addAllStageNames(stageNames)
                .addAllSafetyFlagNames(safetyFlagNames)
                .setStartedUnixMillis(startedUnixMillis)
                .setStartedMonotonicNanos(startedMonotonicNanos)
                .build();
    }

    /** The layout an announcement describes. */
    public static FrameLayout fromAnnouncement(SessionAnnouncement a) {
        return new FrameLayout(a.getTaskId(), a.getTaskVersion(), a.getControlRateHz(),
                fromProto(a.getSensors()), fromProto(a.getObservation()), fromProto(a.getActions()),
                a.getStageNamesList(), a.getSafetyFlagNamesList());
    }

    private static dev.sim2pi.telemetry.wire.proto.Layout toProto(Layout layout) {
        var b = dev.sim2pi.telemetry.wire.proto.Layout.newBuilder();
        for (Channel c : layout.channels()) {
            b.addChannels(dev.sim2pi.telemetry.wire.proto.Channel.newBuilder()
                    .setName(c.name()).setUnit(c.unit()).setLow(c.low()).setHigh(c.high()));
        }
        return b.build();
    }

    private static Layout fromProto(dev.sim2pi.telemetry.wire.proto.Layout layout) {
        List<Channel> channels = new ArrayList<>();
        for (var c : layout.getChannelsList()) {
            channels.add(new Channel(c.getName(), c.getUnit(), c.getLow(), c.getHigh()));
        }
        return new Layout(channels);
    }
}
