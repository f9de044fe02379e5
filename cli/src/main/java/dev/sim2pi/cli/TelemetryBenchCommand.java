package dev.sim2pi.cli;

import dev.sim2pi.models.Figures;
import dev.sim2pi.models.InputException;
import dev.sim2pi.telemetry.MqttSettings;
import dev.sim2pi.telemetry.broker.EmbeddedBroker;
import dev.sim2pi.telemetry.publish.PublisherConfig;
import dev.sim2pi.telemetry.publish.SyntheticFrames;
import dev.sim2pi.telemetry.publish.TelemetryPublisher;
import dev.sim2pi.telemetry.record.DatasetReader;
import dev.sim2pi.telemetry.record.Recorder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Simulated robots publish through a real broker into a recorder, optionally across a broker
 * restart; prints frames sent and recorded, losses, duplicates and enqueue-to-disk latency.
 */
@Command(name = "telemetry", description = "R simulated robots -> MQTT broker -> recorder, optionally across a broker restart.")
final class TelemetryBenchCommand implements Runnable {

    @Option(names = "--robots", defaultValue = "1", description = "Simulated robots (default ${DEFAULT-VALUE}).")
    int robots;

    @Option(names = "--rate", defaultValue = "1000", description = "Control rate per robot in Hz (default ${DEFAULT-VALUE}).")
    double rateHz;

    @Option(names = "--seconds", defaultValue = "20", description = "Streaming time (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup-seconds", defaultValue = "2",
            description = "Streaming before the measured time; its frames count for losses and duplicates but not "
                    + "for latency, so the JVM's compilation of the pipeline is not taken for its steady state "
                    + "(default ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(names = "--restart-broker", description = "Stop the broker half-way and start it again (the embedded "
            + "one starts afresh in memory, having forgotten sessions and queues).")
    boolean restartBroker;

    @Option(names = "--outage-seconds", defaultValue = "0",
            description = "Extra time the broker stays down on --restart-broker (default ${DEFAULT-VALUE}).")
    double outageSeconds;

    @Option(names = "--broker", paramLabel = "URL", description = "Use this external broker (cannot be restarted by the bench).")
    String brokerUrl;

    @picocli.CommandLine.Mixin
    BrokerLogin login = new BrokerLogin();

    @Option(names = "--mosquitto", description = "Spawn /usr/sbin/mosquitto on a free port instead of the embedded broker.")
    boolean mosquitto;

    @Option(names = "--out", paramLabel = "DIR", description = "Keep the datasets here (default: a temporary folder, deleted).")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulated signals (default ${DEFAULT-VALUE}).")
    long seed;

    /** The broker under test, restartable where the bench owns it. */
    private interface Broker extends AutoCloseable {
        String url();

        void stop() throws Exception;

        void start() throws Exception;

        @Override
        void close() throws Exception;
    }

    /** Users of the embedded broker (it runs with access control like the one users start); null for other brokers. */
    private dev.sim2pi.telemetry.access.BrokerCredentials credentials;

    private MqttSettings settings(String url, String user) {
        if (brokerUrl != null) {
            // An external broker: one login (its --broker-* options) for the recorder and every robot.
            return login.settings(url);
        }
        if (credentials == null) {
            return MqttSettings.of(url);
        }
        var u = credentials.user(user).orElseThrow();
        return new MqttSettings(url, u.name(), u.password().toCharArray(), null, null, null);
    }

    @Override
    public void run() {
        if (robots < 1 || rateHz <= 0 || seconds <= 0) {
            throw new InputException("--robots, --rate and --seconds must be positive");
        }
        if (warmupSeconds < 0) {
            throw new InputException("--warmup-seconds must be zero or positive, got " + warmupSeconds);
        }
        if (restartBroker && brokerUrl != null) {
            throw new InputException("--restart-broker needs a broker the bench owns: drop --broker (embedded) or use --mosquitto");
        }
        try {
            runBench();
        } catch (Exception e) {
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e);
        }
    }

    private void runBench() throws Exception {
        Path work = Files.createTempDirectory("sim2pi-bench-telemetry");
        Path data = out != null ? out : work.resolve("datasets");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        LatencyLog latencies = new LatencyLog((int) Math.min(50_000_000, robots * rateHz * seconds * 1.2 + 1024));
        try (Broker broker = openBroker(work)) {
            MqttSettings mqtt = settings(broker.url(), dev.sim2pi.telemetry.access.BrokerCredentials.RECORDER);
            System.err.printf(Locale.ROOT, "broker %s, %d robot(s) at %.0f Hz for %.0f s%s%n", broker.url(), robots, rateHz,
                    seconds, restartBroker ? ", broker restart half-way" : "");
            Recorder recorder = Recorder.start(new Recorder.Options(mqtt, data, null, "sim2pi-bench-recorder", 16 << 20, 3600),
                    (robot, seq, ts) -> latencies.add(System.nanoTime() - ts, ts));
            if (!recorder.awaitConnected(30_000)) {
                throw new IllegalStateException("recorder could not connect to " + broker.url());
            }
            TelemetryPublisher[] pubs = new TelemetryPublisher[robots];
            SyntheticFrames.Pump[] loops = new SyntheticFrames.Pump[robots];
            for (int i = 0; i < robots; i++) {
                String id = "bench-" + i;
                pubs[i] = TelemetryPublisher.start(PublisherConfig.defaults(id, settings(broker.url(), id),
                                work.resolve("spool-" + id)),
                        SyntheticFrames.layout(), "session-" + seed);
            }
            for (TelemetryPublisher p : pubs) {
                if (!p.awaitConnected(30_000)) {
                    throw new IllegalStateException("a publisher could not connect to " + broker.url());
                }
            }
            for (int i = 0; i < robots; i++) {
                loops[i] = SyntheticFrames.start(pubs[i], rateHz, seed + i);
            }
            Thread.sleep((long) (warmupSeconds * 1000));
            long start = System.nanoTime();
            latencies.measureFrom = start;
            long[] cpuStart = new long[robots];
            for (int i = 0; i < robots; i++) {
                cpuStart[i] = threads.getThreadCpuTime(pubs[i].senderThreadId());
            }
            long end = start + (long) (seconds * 1e9);
            boolean restarted = !restartBroker;
            double[] reconnectMs = {0, 0, 0};
            while (System.nanoTime() < end) {
                if (!restarted && System.nanoTime() >= start + (long) (seconds * 0.5e9)) {
                    latencies.outageStart = System.nanoTime();
                    System.err.println("stopping broker...");
                    broker.stop();
                    long stopped = System.nanoTime();
                    Thread.sleep((long) (outageSeconds * 1000));
                    long starting = System.nanoTime();
                    broker.start();
                    latencies.outageEnd = System.nanoTime();
                    System.err.printf(Locale.ROOT, "broker back after %.3f s (stop %.3f s, start %.3f s)%n",
                            (latencies.outageEnd - latencies.outageStart) * 1e-9, (stopped - latencies.outageStart) * 1e-9,
                            (latencies.outageEnd - starting) * 1e-9);
                    restarted = true;
                    reconnectMs = reconnectTimes(pubs, recorder, latencies.outageEnd);
                    System.err.printf(Locale.ROOT, "reconnected after the broker came back: recorder %.1f ms, "
                            + "publishers p50 %.1f ms, max %.1f ms%n", reconnectMs[0], reconnectMs[1], reconnectMs[2]);
                }
                Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                System.err.printf(Locale.ROOT, "t=%4.1fs recorded=%d%n", (System.nanoTime() - start) * 1e-9,
                        recorder.stats().framesWritten());
            }
            double wall = (System.nanoTime() - start) * 1e-9;
            double cpu = 0;
            for (int i = 0; i < robots; i++) {
                cpu += (threads.getThreadCpuTime(pubs[i].senderThreadId()) - cpuStart[i]) * 1e-9;
            }
            long sent = 0;
            long dropped = 0;
            long reconnects = 0;
            long stallResends = 0;
            long recorderResends = 0;
            long gapResends = 0;
            for (int i = 0; i < robots; i++) {
                loops[i].close();
            }
            for (int i = 0; i < robots; i++) {
                pubs[i].close(60_000);
                sent += pubs[i].stats().framesEnqueued();
                dropped += pubs[i].stats().framesDropped() + pubs[i].stats().messagesSpoolDropped();
                reconnects += pubs[i].stats().reconnects();
                stallResends += pubs[i].stats().retransmissions();
                recorderResends += pubs[i].stats().recorderResends();
                gapResends += pubs[i].stats().gapResends();
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (recorder.stats().framesWritten() < sent && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            java.util.Map<String, Long> losses = new java.util.TreeMap<>();
            for (TelemetryPublisher p : pubs) {
                p.connectionLosses().forEach((k, v) -> losses.merge(k, v, Long::sum));
            }
            System.out.println("connections lost: publishers " + losses + ", recorder " + recorder.connectionLosses());
            recorder.close();
            long[] check = verify(data);
            long recorded = check[0];
            long duplicates = check[1];
            System.out.printf(Locale.ROOT, "frames recorded %d of %d sent; %d duplicate deliveries skipped by the recorder; "
                    + "%d dropped at publishers%n", recorded, sent, recorder.stats().duplicates(), dropped);
            System.out.printf(Locale.ROOT, "publishers: %d reconnects, %d resends after a recorder re-subscribed, "
                    + "%d after reported gaps, %d after stalled confirmations%n", reconnects, recorderResends, gapResends,
                    stallResends);
            System.out.printf(Locale.ROOT, "latency enqueue->recorder write: p50 %.1f ms, p99 %.1f ms, max %.1f ms; "
                    + "p99 of frames enqueued outside the outage %.1f ms%n", latencies.percentileMs(50, false),
                    latencies.percentileMs(99, false), latencies.percentileMs(100, false), latencies.percentileMs(99, true));
            System.out.printf(Locale.ROOT, "publisher sender thread CPU: %.2f%% of one core per robot (wall %.1f s)%n",
                    100 * cpu / wall / robots, wall);
            double outageMs = restartBroker ? (latencies.outageEnd - latencies.outageStart) * 1e-6 : 0;
            new Figures().put("frames_sent", sent).put("frames_recorded", recorded).put("lost", sent - recorded)
                    .put("duplicates", duplicates).put("p99_latency_ms", latencies.percentileMs(99, false))
                    .put("p99_latency_outside_outage_ms", latencies.percentileMs(99, true))
                    .put("p50_latency_ms", latencies.percentileMs(50, false)).put("outage_ms", outageMs)
                    .put("publisher_cpu_share", cpu / wall / robots).put("reconnect_max_ms", reconnectMs[2])
                    .print(System.out);
        } finally {
            deleteTree(work);
        }
    }

    /**
     * Waits (at most 10 s) until the recorder and every publisher are connected again; returns the
     * recorder's delay, the publishers' median and their longest, in ms after {@code backNanos}.
     */
    private static double[] reconnectTimes(TelemetryPublisher[] pubs, Recorder recorder, long backNanos)
            throws InterruptedException {
        long[] at = new long[pubs.length];
        long recorderAt = 0;
        int pending = pubs.length + 1;
        long deadline = backNanos + 10_000_000_000L;
        while (pending > 0 && System.nanoTime() < deadline) {
            long now = System.nanoTime();
            if (recorderAt == 0 && recorder.stats().connected()) {
                recorderAt = now;
                pending--;
            }
            for (int i = 0; i < pubs.length; i++) {
                if (at[i] == 0 && pubs[i].stats().connected()) {
                    at[i] = now;
                    pending--;
                }
            }
            Thread.sleep(1);
        }
        double[] ms = new double[pubs.length];
        for (int i = 0; i < pubs.length; i++) {
            ms[i] = ((at[i] == 0 ? deadline : at[i]) - backNanos) * 1e-6;
        }
        Arrays.sort(ms);
        return new double[] {((recorderAt == 0 ? deadline : recorderAt) - backNanos) * 1e-6, ms[ms.length / 2],
                ms[ms.length - 1]};
    }

    /** Reads back every dataset: distinct frames and duplicates actually stored. */
    private static long[] verify(Path data) throws IOException {
        long distinct = 0;
        long dups = 0;
        for (Path d : DatasetReader.find(data)) {
            Set<Long> seen = new HashSet<>();
            long[] c = {0};
            new DatasetReader(d).frames(f -> {
                if (!seen.add(f.getSequence())) {
                    c[0]++;
                }
            });
            distinct += seen.size();
            dups += c[0];
        }
        return new long[] {distinct, dups};
    }

    private Broker openBroker(Path work) throws Exception {
        if (brokerUrl != null) {
            return new Broker() {
                public String url() {
                    return brokerUrl;
                }

                public void stop() {
                }

                public void start() {
                }

                public void close() {
                }
            };
        }
        if (mosquitto) {
            MosquittoProcess m = MosquittoProcess.start(work.resolve("mosquitto"));
            return new Broker() {
                public String url() {
                    return m.url();
                }

                public void stop() throws Exception {
                    m.stop();
                }

                public void start() throws Exception {
                    m.start();
                }

                public void close() throws Exception {
                    m.stop();
                }
            };
        }
        // In memory: HiveMQ needs ~4 s to stop (a fixed 2 s quiet period for its event loops, then its
        // persistence), but it frees the port within ~40 ms; a fresh in-memory instance takes the port
        // meanwhile. It has forgotten every session: the recorder re-subscribes and publishers resend.
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < robots; i++) {
            ids.add("bench-" + i);
        }
        credentials = dev.sim2pi.telemetry.access.BrokerCredentials.generate(ids);
        EmbeddedBroker b = EmbeddedBroker.start(0, null, credentials);
        return new Broker() {
            public String url() {
                return b.url();
            }

            public void stop() {
                b.beginStop();
            }

            public void start() {
                b.startFresh();
            }

            public void close() {
                b.close();
            }
        };
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Latencies with the enqueue time of each frame, filled by the recorder's thread. */
    private static final class LatencyLog {
        private long[] latency;
        private long[] enqueued;
        private int n;
        volatile long measureFrom = Long.MAX_VALUE;
        volatile long outageStart = Long.MAX_VALUE;
        volatile long outageEnd = Long.MIN_VALUE;

        LatencyLog(int capacity) {
            latency = new long[capacity];
            enqueued = new long[capacity];
        }

        synchronized void add(long latencyNanos, long enqueuedNanos) {
            if (enqueuedNanos < measureFrom) {
                return;
            }
            if (n == latency.length) {
                latency = Arrays.copyOf(latency, n * 2);
                enqueued = Arrays.copyOf(enqueued, n * 2);
            }
            latency[n] = latencyNanos;
            enqueued[n++] = enqueuedNanos;
        }

        synchronized double percentileMs(double p, boolean outsideOutage) {
            long[] v = new long[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (!outsideOutage || enqueued[i] < outageStart || enqueued[i] > outageEnd) {
                    v[m++] = latency[i];
                }
            }
            if (m == 0) {
                return Double.NaN;
            }
            Arrays.sort(v, 0, m);
            int idx = (int) Math.min(m - 1, Math.max(0, Math.ceil(p / 100.0 * m) - 1));
            return v[idx] * 1e-6;
        }
    }
}
