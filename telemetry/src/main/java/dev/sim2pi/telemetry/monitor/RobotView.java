package dev.sim2pi.telemetry.monitor;

import dev.sim2pi.telemetry.wire.FrameLayout;
import dev.sim2pi.telemetry.wire.proto.Frame;
import java.util.ArrayList;
import java.util.List;

/** What the monitor keeps of one robot: status, layout, recent samples, jitter histogram. */
final class RobotView {

    /** Upper bounds (µs) of the loop-jitter histogram bins; the last bin is open. */
    static final long[] JITTER_BOUNDS_MICROS = {10, 20, 50, 100, 200, 500, 1000, 2000, 5000};
    static final int HISTORY = 400;
    /** Channels (sensors + observation + command) a frame may have: the plot buffer is this times {@link #HISTORY}. */
    static final int MAX_CHANNELS = 256;

    /** The state until the robot's first status message. */
    static final String UNKNOWN = "UNKNOWN";

    final String id;
    String state = UNKNOWN;
    String session = "";
    String task = "";
    FrameLayout layout;
    long frames;
    long lastSequence = -1;
    long gaps;
    final long[] jitter = new long[JITTER_BOUNDS_MICROS.length + 1];
    /** Ring of recent samples: timestamp (s, relative to session) and all channel values. */
    final double[] times = new double[HISTORY];
    double[][] values = new double[0][HISTORY];
    int head;
    int count;
    long firstTimestampNanos = Long.MIN_VALUE;

    RobotView(String id) {
        this.id = id;
    }

    List<String> channelNames() {
        List<String> names = new ArrayList<>();
        if (layout == null) {
            for (int i = 0; i < values.length; i++) {
                names.add("ch" + i);
            }
            return names;
        }
        layout.sensors().names().forEach(n -> names.add("sensors." + n));
        layout.observation().names().forEach(n -> names.add("observation." + n));
        layout.actions().names().forEach(n -> names.add("command." + n));
        return names;
    }

    /** Channels a frame carries; callers refuse frames above {@link #MAX_CHANNELS}. */
    static int channels(Frame f) {
        return f.getSensorsCount() + f.getObservationCount() + f.getCommandCount();
    }

    void add(Frame f) {
        int n = channels(f);
        if (n > MAX_CHANNELS) {
            return;
        }
        if (values.length != n) {
            values = new double[n][HISTORY];
            count = 0;
            head = 0;
        }
        if (firstTimestampNanos == Long.MIN_VALUE) {
            firstTimestampNanos = f.getTimestampNanos();
        }
        if (lastSequence >= 0 && f.getSequence() > lastSequence + 1) {
            gaps += f.getSequence() - lastSequence - 1;
        }
        lastSequence = Math.max(lastSequence, f.getSequence());
        frames++;
        times[head] = (f.getTimestampNanos() - firstTimestampNanos) * 1e-9;
        int k = 0;
        for (float v : f.getSensorsList()) {
            values[k++][head] = v;
        }
        for (float v : f.getObservationList()) {
            values[k++][head] = v;
        }
        for (float v : f.getCommandList()) {
            values[k++][head] = v;
        }
        head = (head + 1) % HISTORY;
        count = Math.min(HISTORY, count + 1);
        long micros = Math.max(0, f.getStartLatenessNanos()) / 1000;
        int bin = 0;
        while (bin < JITTER_BOUNDS_MICROS.length && micros >= JITTER_BOUNDS_MICROS[bin]) {
            bin++;
        }
        jitter[bin]++;
    }

    /** The recent samples (channel names, times, values), and the jitter histogram, as one JSON object. */
    void json(Json j) {
        j.begin().key("id").value(id);
        j.key("channels").beginArray();
        for (String n : channelNames()) {
            j.value(n);
        }
        j.endArray();
        j.key("t").beginArray();
        int start = (head - count + HISTORY) % HISTORY;
        for (int i = 0; i < count; i++) {
            j.value(times[(start + i) % HISTORY]);
        }
        j.endArray();
        j.key("values").beginArray();
        for (double[] ch : values) {
            j.beginArray();
            for (int i = 0; i < count; i++) {
                j.value((float) ch[(start + i) % HISTORY]);
            }
            j.endArray();
        }
        j.endArray();
        j.key("jitterBoundsMicros").beginArray();
        for (long b : JITTER_BOUNDS_MICROS) {
            j.value(b);
        }
        j.endArray();
        j.key("jitter").beginArray();
        for (long c : jitter) {
            j.value(c);
        }
        j.endArray();
        j.end();
    }
}
