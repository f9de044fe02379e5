package dev.sim2pi.telemetry.access;

import dev.sim2pi.telemetry.Topics;

/**
 * Who may publish and subscribe to what, the same rules for every broker (the embedded one
 * enforces them in code, the shipped Mosquitto ACL file spells them out):
 * <ul>
 * <li>a robot publishes only its own {@code sim2pi/<robot>/telemetry}, {@code session},
 * {@code status}, {@code events} and {@code cmd/ack}, and reads only its own {@code cmd},
 * {@code policy} and {@code telemetry/ack};</li>
 * <li>a recorder reads every robot's {@code telemetry} and {@code session} (also through a shared
 * subscription) and writes {@code telemetry/ack} and its own status: only a recorder's
 * confirmation can empty a robot's spool;</li>
 * <li>an operator (the monitor, {@code deploy}) reads everything, the bundle it deployed on {@code policy} too,
 * and writes {@code cmd} and {@code policy}.</li>
 * </ul>
 */
public final class TopicAcl {

    /** What a client is. */
    public enum Role { ROBOT, RECORDER, OPERATOR }

    private TopicAcl() {
    }

    /** Whether {@code role} (a robot: with its id) may publish to {@code topic}. */
    public static boolean mayPublish(Role role, String robotId, String topic) {
        if (topic == null || topic.contains("+") || topic.contains("#")) {
            return false;
        }
        String robot = Topics.robotOf(topic);
        String leaf = Topics.leafOf(topic);
        return switch (role) {
            case ROBOT -> robotId != null && robotId.equals(robot)
                    && switch (leaf) {
                        case Topics.TELEMETRY, Topics.SESSION, Topics.STATUS, Topics.EVENTS, Topics.COMMAND_ACK -> true;
                        default -> false;
                    };
            case RECORDER -> (robot != null && Topics.isSafeId(robot) && Topics.TELEMETRY_ACK.equals(leaf))
                    || Topics.isRecorderStatus(topic);
            case OPERATOR -> robot != null && Topics.isSafeId(robot)
                    && (Topics.COMMAND.equals(leaf) || Topics.POLICY.equals(leaf));
        };
    }

    /** Whether {@code role} may subscribe to {@code filter} (shared subscriptions by their inner filter). */
    public static boolean maySubscribe(Role role, String robotId, String filter) {
        if (filter == null) {
            return false;
        }
        if (filter.startsWith("$share/")) {
            int slash = filter.indexOf('/', "$share/".length());
            if (slash < 0 || role != Role.RECORDER) {
                return false;
            }
            filter = filter.substring(slash + 1);
        }
        return switch (role) {
            case ROBOT -> robotId != null && (filter.equals(Topics.command(robotId)) || filter.equals(Topics.policy(robotId))
                    || filter.equals(Topics.telemetryAck(robotId)));
            case RECORDER -> Topics.isRobotFilter(filter, Topics.TELEMETRY, Topics.SESSION);
            case OPERATOR -> Topics.isRobotFilter(filter, Topics.STATUS, Topics.SESSION, Topics.TELEMETRY, Topics.EVENTS,
                    Topics.COMMAND_ACK, Topics.POLICY) || filter.equals(Topics.allRecorderStatus());
        };
    }
}
