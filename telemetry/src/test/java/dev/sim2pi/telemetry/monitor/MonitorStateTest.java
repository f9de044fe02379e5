package dev.sim2pi.telemetry.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.Topics;
import dev.sim2pi.telemetry.wire.WireSchema;
import dev.sim2pi.telemetry.wire.proto.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Robot state changes, a robot going offline above all, appear in the monitor's event list. */
class MonitorStateTest {

    /** Nothing listens on port 1: the state is fed through {@code handle}, as the MQTT callback would. */
    static MonitorState offline() {
        return new MonitorState(MqttSettings.of("tcp://127.0.0.1:1"));
    }

    static byte[] status(String robot, Status.State state) {
        return Status.newBuilder().setSchemaVersion(WireSchema.VERSION).setRobotId(robot).setSessionId("s1")
                .setState(state).setUnixMillis(System.currentTimeMillis()).build().toByteArray();
    }

    private static List<String> events(MonitorState state) throws Exception {
        JsonNode snapshot = new ObjectMapper().readTree(state.snapshotJson(null));
        List<String> events = new ArrayList<>();
        for (JsonNode e : snapshot.get("events")) {
            events.add(e.get("robot").asText() + " " + e.get("kind").asText() + " " + e.get("message").asText());
        }
        return events.reversed(); // the snapshot lists the newest first
    }

    @Test
    void aRobotGoingOfflineLogsAnEvent() throws Exception {
        try (MonitorState state = offline()) {
            state.handle(Topics.status("r1"), status("r1", Status.State.ONLINE));
            state.handle(Topics.status("r1"), status("r1", Status.State.ARMED));
            state.handle(Topics.status("r1"), status("r1", Status.State.ARMED));
            state.handle(Topics.status("r1"), status("r1", Status.State.OFFLINE));
            assertEquals(List.of("r1 state seen ONLINE", "r1 state ONLINE -> ARMED", "r1 offline ARMED -> OFFLINE"),
                    events(state), "one event per change, none for a repeated status");
        }
    }

    @Test
    void theFirstStatusOfARobotAlreadyOfflineSaysSo() throws Exception {
        try (MonitorState state = offline()) {
            state.handle(Topics.status("r2"), status("r2", Status.State.OFFLINE));
            assertTrue(events(state).contains("r2 offline seen OFFLINE"), events(state).toString());
        }
    }
}
