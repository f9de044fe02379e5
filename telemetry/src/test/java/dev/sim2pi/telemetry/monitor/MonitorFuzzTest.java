package dev.sim2pi.telemetry.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.telemetry.HostileMessages;
import dev.sim2pi.telemetry.MqttSettings;
import org.junit.jupiter.api.Test;

/**
 * Hostile input straight into the monitor's message handling: every message is shown or refused
 * and counted, nothing throws, the views stay within their caps (no buffer sized from a message).
 */
class MonitorFuzzTest {

    @Test
    void everyHostileMessageIsShownOrRefusedAndCountedAndTheViewsStayBounded() {
        int n = HostileMessages.count();
        HostileMessages messages = new HostileMessages(7, FleetView.MAX_MESSAGE_BYTES);
        // Nothing listens on port 1: messages are fed directly.
        try (MonitorState state = new MonitorState(MqttSettings.of("tcp://127.0.0.1:1"))) {
            long mustReject = 0;
            for (int i = 0; i < n; i++) {
                HostileMessages.Message m = messages.next();
                long before = state.rejectedMessages();
                state.handle(m.topic(), m.payload());
                if (m.mustReject()) {
                    mustReject++;
                    assertEquals(before + 1, state.rejectedMessages(), "message " + i + " on " + m.topic());
                }
            }
            assertEquals(n, state.acceptedMessages() + state.rejectedMessages(), "each counted once");
            assertTrue(state.rejectedMessages() >= mustReject);
            assertTrue(state.acceptedMessages() > 0);
            assertTrue(state.robotCount() <= FleetView.MAX_ROBOTS);
            String json = state.snapshotJson(null);
            assertTrue(json.length() < 1_000_000, "snapshot stays small: " + json.length());
        }
    }
}
