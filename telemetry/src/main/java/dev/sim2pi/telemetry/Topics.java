package dev.sim2pi.telemetry;

import dev.sim2pi.models.InputException;

/**
 * MQTT topic names. Every topic carries the robot id at the second level, so one broker and one
 * recorder serve a fleet: {@code sim2pi/<robot>/telemetry}, {@code /session}, {@code /status},
 * {@code /events}, {@code /cmd}, {@code /cmd/ack}, {@code /policy}, {@code /deploy}.
 */
public final class Topics {

    public static final String ROOT = "sim2pi";

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
        return ROOT + "/" + robot + "/telemetry";
    }

    /** Where recorders confirm stored frames to the publisher. */
    public static String telemetryAck(String robot) {
        return ROOT + "/" + robot + "/telemetry/ack";
    }

    public static String session(String robot) {
        return ROOT + "/" + robot + "/session";
    }

    public static String status(String robot) {
        return ROOT + "/" + robot + "/status";
    }

    public static String events(String robot) {
        return ROOT + "/" + robot + "/events";
    }

    public static String command(String robot) {
        return ROOT + "/" + robot + "/cmd";
    }

    public static String commandAck(String robot) {
        return ROOT + "/" + robot + "/cmd/ack";
    }

    public static String policy(String robot) {
        return ROOT + "/" + robot + "/policy";
    }

    /** The last deployment gate's decision for the robot (an {@code Event}, retained), published by the operator. */
    public static String deploy(String robot) {
        return ROOT + "/" + robot + "/deploy";
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
