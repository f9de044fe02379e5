package dev.sim2pi.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.sim2pi.models.InputException;
import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.PahoThreads;
import dev.sim2pi.telemetry.Topics;
import dev.sim2pi.telemetry.wire.proto.ControllerStatus;
import dev.sim2pi.telemetry.wire.proto.Event;
import dev.sim2pi.telemetry.wire.proto.RecentEvent;
import dev.sim2pi.telemetry.wire.proto.Status;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The fleet as the broker remembers it: every robot's retained {@code status} (its controller's
 * running bundle, uptime, loop and safety counters, telemetry counters, release history) and the
 * last deployment gate decision retained on {@code deploy}. Callable in-process; {@code sim2pi
 * fleet status} prints it.
 */
public final class FleetStatus {

    /** One robot: its status and the last gate decision (null if none retained). */
    public record Robot(String id, Status status, Event lastDecision) {
    }

    private FleetStatus() {
    }

    /**
     * Collects retained messages until none has come for {@code quietMillis}, or {@code maxMillis}
     * passed; robots sorted by id.
     */
    public static List<Robot> collect(MqttSettings mqtt, long quietMillis, long maxMillis) throws InterruptedException {
        Map<String, Status> statuses = new ConcurrentHashMap<>();
        Map<String, Event> decisions = new ConcurrentHashMap<>();
        AtomicLong last = new AtomicLong(System.nanoTime());
        MqttAsyncClient c;
        try {
            c = new MqttAsyncClient(mqtt.serverUrl(), "sim2pi-fleet-" + ProcessHandle.current().pid() + "-"
                    + System.nanoTime() % 100_000, new MemoryPersistence(), null, PahoThreads.shared());
        } catch (MqttException e) {
            throw new InputException("--broker " + mqtt.serverUrl() + ": " + e.getMessage(), e);
        }
        try {
            c.setCallback(new Callback(statuses, decisions, last));
            MqttConnectionOptions o = mqtt.options();
            o.setCleanStart(true);
            c.connect(o).waitForCompletion(10_000);
            c.subscribe(Topics.filter(null, "status"), 1).waitForCompletion(10_000);
            c.subscribe(Topics.filter(null, "deploy"), 1).waitForCompletion(10_000);
            last.set(System.nanoTime());
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
            while (System.nanoTime() < end && System.nanoTime() - last.get() < TimeUnit.MILLISECONDS.toNanos(quietMillis)) {
                Thread.sleep(20);
            }
        } catch (MqttException e) {
            throw new InputException("--broker " + mqtt.serverUrl() + ": " + e.getMessage(), e);
        } finally {
            try {
                if (c.isConnected()) {
                    c.disconnect().waitForCompletion(5_000);
                }
                c.close();
            } catch (MqttException ignored) {
                // Going away.
            }
        }
        Map<String, Robot> robots = new TreeMap<>();
        statuses.forEach((id, s) -> robots.put(id, new Robot(id, s, decisions.get(id))));
        decisions.forEach((id, d) -> robots.putIfAbsent(id, new Robot(id, null, d)));
        return List.copyOf(robots.values());
    }

    /** One block per robot, then {@code robots= online= rollbacks= safety_events=}. */
    public static void print(List<Robot> robots, long nowMillis, PrintStream out) {
        long online = 0;
        long rollbacks = 0;
        long safety = 0;
        for (Robot r : robots) {
            Status s = r.status();
            if (s == null) {
                out.println(r.id() + ": no status retained");
            } else {
                boolean up = s.getState() != Status.State.OFFLINE && s.getState() != Status.State.STATE_UNSPECIFIED;
                online += up ? 1 : 0;
                out.printf(Locale.ROOT, "%s: %s (status %s ago)%n", r.id(), s.getState().name().toLowerCase(Locale.ROOT),
                        ago(nowMillis - s.getUnixMillis()));
                if (s.hasController()) {
                    ControllerStatus c = s.getController();
                    rollbacks += c.getRollbacks();
                    safety += c.getSafetyEvents();
                    out.printf(Locale.ROOT, "  bundle   %s v%d%s%n", c.getPolicyId(), c.getBundleVersion(),
                            c.getBundleParent().isEmpty() ? "" : " (parent " + prefix(c.getBundleParent()) + ")");
                    out.printf(Locale.ROOT, "  uptime   %s; %d periods, %d overruns%n",
                            ago(nowMillis - c.getStartedUnixMillis()), c.getIterations(), c.getOverruns());
                    StringBuilder ev = new StringBuilder();
                    for (RecentEvent e : c.getRecentSafetyEventsList()) {
                        ev.append(ev.isEmpty() ? "" : ", ").append(e.getKind()).append(' ')
                                .append(ago(nowMillis - e.getUnixMillis())).append(" ago");
                    }
                    out.printf(Locale.ROOT, "  safety   %d events%s%n", c.getSafetyEvents(), ev.isEmpty() ? "" : ": " + ev);
                    out.printf(Locale.ROOT, "  releases %d rollbacks, %d refused candidates%s%n", c.getRollbacks(),
                            c.getRefusedCandidatesCount(), c.getProbationSha256().isEmpty() ? ""
                                    : ", " + prefix(c.getProbationSha256()) + " on probation");
                }
                out.printf(Locale.ROOT, "  frames   %d sent, %d dropped; spool %d batches (%d dropped)%n",
                        s.getFramesEnqueued(), s.getFramesDropped(), s.getBatchesSpooled(), s.getBatchesSpoolDropped());
            }
            if (r.lastDecision() != null) {
                out.printf(Locale.ROOT, "  gate     %s %s ago: %s%n", r.lastDecision().getKind(),
                        ago(nowMillis - r.lastDecision().getUnixMillis()), r.lastDecision().getMessage());
            }
        }
        new dev.sim2pi.models.Figures().put("robots", robots.size()).put("online", online).put("rollbacks", rollbacks)
                .put("safety_events", safety).print(out);
    }

    private static String prefix(String sha) {
        return sha.substring(0, Math.min(12, sha.length()));
    }

    private static String ago(long millis) {
        Duration d = Duration.ofMillis(Math.max(0, millis));
        if (d.toHours() > 0) {
            return String.format(Locale.ROOT, "%dh%02dm", d.toHours(), d.toMinutesPart());
        }
        return d.toMinutes() > 0 ? String.format(Locale.ROOT, "%dm%02ds", d.toMinutes(), d.toSecondsPart())
                : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }

    private record Callback(Map<String, Status> statuses, Map<String, Event> decisions, AtomicLong last)
            implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            last.set(System.nanoTime());
            String robot = Topics.robotOf(topic);
            if (robot == null || !Topics.isSafeId(robot) || message.getPayload().length == 0) {
                return;
            }
            try {
                if ("status".equals(Topics.leafOf(topic))) {
                    statuses.put(robot, Status.parseFrom(message.getPayload()));
                } else {
                    decisions.put(robot, Event.parseFrom(message.getPayload()));
                }
            } catch (InvalidProtocolBufferException e) {
                // A malformed retained message: the robot shows without it.
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
