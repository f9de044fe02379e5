package dev.sim2pi.telemetry;

import dev.sim2pi.models.InputException;

/**
 * MQTT topic names. Every topic carries the robot id at the second level, so one broker and one
 * recorder serve a fleet: {@code sim2pi/<robot>/telemetry}, {@code /session}, {@code /status},
 * {@code /events}, {@code /cmd}, {@code /cmd/ack}, {@code /policy}.
 */
public final class Topics {

    public static final String ROOT = "sim2pi";
    /** Root of the recorders' own topics: {@code sim2pi-recorder/<client>/status}. */
    public static final String RECORDER_ROOT = "sim2pi-recorder";
    /** Leaves of a robot's topics, the part after {@code sim2pi/<robot>/}. */
    public static final String TELEMETRY = "telemetry";
    public static final String TELEMETRY_ACK = "telemetry/ack";
    public static final String SESSION = "session";
    public static final String STATUS = "status";
    public static final String EVENTS = "events";
    public static final String COMMAND = "cmd";
    public static final String COMMAND_ACK = "cmd/ack";
    public static final String POLICY = "policy";

    private Topics() {
    }

    private static final java.util.regex.Pattern SAFE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    /** Fails with a clear message unless {@code robotId} is usable as one topic level. */
    public static String checkRobotId(String robotId) {
        if (robotId == null || robotId.length() > 64 || !isSafeId(robotId)) {
            throw new InputException("robot id '" + robotId
                    + "': expected 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit and without"
                    + " '..' (it is an MQTT topic level and a folder name)");
        }
        return robotId;
    }

    /**
     * Whether an id from the network (robot or session) is safe as one topic level and one folder
     * name: 1-128 letters, digits, '_', '.', '-', starting with a letter or digit, no {@code ..}.
     * Anything else could climb out of the recorder's folder or match topics it should not.
     */
    public static boolean isSafeId(String id) {
        return id != null && SAFE_ID.matcher(id).matches() && !id.contains("..");
    }

    public static String telemetry(String robot) {
        return of(robot, TELEMETRY);
    }

    /** Where recorders confirm stored frames to the publisher. */
    public static String telemetryAck(String robot) {
        return of(robot, TELEMETRY_ACK);
    }

    public static String session(String robot) {
        return of(robot, SESSION);
    }

    public static String status(String robot) {
        return of(robot, STATUS);
    }

    public static String events(String robot) {
        return of(robot, EVENTS);
    }

    public static String command(String robot) {
        return of(robot, COMMAND);
    }

    public static String commandAck(String robot) {
        return of(robot, COMMAND_ACK);
    }

    public static String policy(String robot) {
        return of(robot, POLICY);
    }

    private static String of(String robot, String leaf) {
        return ROOT + "/" + robot + "/" + leaf;
    }

    /** Where a recorder publishes its status (retained). */
    public static String recorderStatus(String clientId) {
        return RECORDER_ROOT + "/" + clientId + "/" + STATUS;
    }

    /** Filter matching every recorder's status. */
    public static String allRecorderStatus() {
        return RECORDER_ROOT + "/+/" + STATUS;
    }

    /** Whether {@code topic} is a recorder's status topic. */
    public static boolean isRecorderStatus(String topic) {
        String prefix = RECORDER_ROOT + "/";
        String suffix = "/" + STATUS;
        return topic.startsWith(prefix) && topic.endsWith(suffix) && topic.length() > prefix.length() + suffix.length()
                && isSafeId(topic.substring(prefix.length(), topic.length() - suffix.length()));
    }

    /**
     * {@code filter} as an MQTT 5 shared subscription of {@code group}: the broker hands each
     * message to one member of the group ({@code $share/<group>/<filter>}); null group = {@code filter}.
     */
    public static String shared(String group, String filter) {
        return group == null ? filter : "$share/" + group + "/" + filter;
    }

    /**
     * Whether {@code filter} is {@code sim2pi/<robot or +>/<one of leaves>}: a filter over one
     * robot or all robots, for access rules.
     */
    public static boolean isRobotFilter(String filter, String... leaves) {
        String robot = robotOf(filter);
        if (robot == null || !(robot.equals("+") || isSafeId(robot))) {
            return false;
        }
        String leaf = leafOf(filter);
        for (String l : leaves) {
            if (l.equals(leaf)) {
                return true;
            }
        }
        return false;
    }

    /** Filter matching {@code leaf} for one robot, or for all robots when {@code robot} is null. */
    public static String filter(String robot, String leaf) {
        return ROOT + "/" + (robot == null ? "+" : robot) + "/" + leaf;
    }

    /** The robot id of a {@code sim2pi/<robot>/...} topic, or null for other topics. */
    public static String robotOf(String topic) {
        if (!topic.startsWith(ROOT + "/")) {
            return null;
        }
        int end = topic.indexOf('/', ROOT.length() + 1);
        return end < 0 ? null : topic.substring(ROOT.length() + 1, end);
    }

    /** The part after {@code sim2pi/<robot>/}, for example {@code telemetry} or {@code cmd/ack}. */
    public static String leafOf(String topic) {
        String robot = robotOf(topic);
        return robot == null ? null : topic.substring(ROOT.length() + robot.length() + 2);
    }
}
