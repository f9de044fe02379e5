package dev.sim2pi.cli;

import dev.sim2pi.models.Figures;
import dev.sim2pi.models.InputException;
import dev.sim2pi.telemetry.access.BrokerCredentials;
import dev.sim2pi.telemetry.publish.PublisherConfig;
import dev.sim2pi.telemetry.publish.PublisherStats;
import dev.sim2pi.telemetry.publish.SyntheticFrames;
import dev.sim2pi.telemetry.publish.TelemetryPublisher;
import dev.sim2pi.telemetry.record.Recorder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Simulated robots publish through a real broker into one recorder or several sharing the fleet,
 * optionally across a broker restart; prints frames sent and recorded, losses, duplicates,
 * enqueue-to-disk latency, reconnections and why connections ended. The broker runs with access
 * control ({@link BenchBroker}); datasets are read back ({@link BenchDatasets}).
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

    @Option(names = "--mosquitto", description = "Spawn /usr/sbin/mosquitto on a free port instead of the embedded broker "
            + "(with passwords and the shipped ACL, like a fleet's broker).")
    boolean mosquitto;

    @Option(names = "--recorders", defaultValue = "1",
            description = "Recorders sharing the fleet through an MQTT 5 shared subscription group (default ${DEFAULT-VALUE}); "
                    + "their outputs are merged to count losses and duplicates.")
    int recorders;

    @Option(names = "--out", paramLabel = "DIR", description = "Keep the datasets here (default: a temporary folder, deleted).")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulated signals (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public void run() {
        if (robots < 1 || rateHz <= 0 || seconds <= 0 || recorders < 1) {
            throw new InputException("--robots, --rate, --seconds and --recorders must be positive");
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
        BenchLatencies latencies = new BenchLatencies((int) Math.min(50_000_000, robots * rateHz * seconds * 1.2 + 1024));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < robots; i++) {
            ids.add("bench-" + i);
        }
        try (BenchBroker broker = brokerUrl != null ? BenchBroker.external(brokerUrl, login.settings(brokerUrl))
                : mosquitto ? BenchBroker.mosquitto(work.resolve("mosquitto"), ids) : BenchBroker.embedded(ids)) {
            System.err.printf(Locale.ROOT, "broker %s, %d robot(s) at %.0f Hz for %.0f s%s%s%n", broker.url(), robots, rateHz,
                    seconds, recorders > 1 ? ", " + recorders + " recorders sharing the fleet" : "",
                    restartBroker ? ", broker restart half-way" : "");
            Recorder[] recs = new Recorder[recorders];
            for (int r = 0; r < recorders; r++) {
                Recorder.Options o = new Recorder.Options(broker.settings(BrokerCredentials.RECORDER),
                        recorders == 1 ? data : data.resolve("recorder-" + r), null, "sim2pi-bench-recorder-" + r,
                        16 << 20, 3600);
                recs[r] = Recorder.start(recorders == 1 ? o : o.withShareGroup("bench"),
                        (robot, seq, ts) -> latencies.add(System.nanoTime() - ts, ts));
            }
            for (Recorder r : recs) {
                if (!r.awaitConnected(30_000)) {
                    throw new IllegalStateException("a recorder could not connect to " + broker.url());
                }
            }
            TelemetryPublisher[] pubs = new TelemetryPublisher[robots];
            SyntheticFrames.Pump[] loops = new SyntheticFrames.Pump[robots];
            for (int i = 0; i < robots; i++) {
                pubs[i] = TelemetryPublisher.start(PublisherConfig.defaults(ids.get(i), broker.settings(ids.get(i)),
                        work.resolve("spool-" + ids.get(i))), SyntheticFrames.layout(), "session-" + seed);
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
            BenchReconnect reconnect = stream(broker, pubs, recs, latencies, start);
            double wall = (System.nanoTime() - start) * 1e-9;
            double cpu = 0;
            for (int i = 0; i < robots; i++) {
                cpu += (threads.getThreadCpuTime(pubs[i].senderThreadId()) - cpuStart[i]) * 1e-9;
            }
            for (SyntheticFrames.Pump loop : loops) {
                loop.close();
            }
            long sent = 0;
            long dropped = 0;
            long reconnects = 0;
            long stallResends = 0;
            long recorderResends = 0;
            long gapResends = 0;
            Map<String, Long> losses = new TreeMap<>();
            for (TelemetryPublisher p : pubs) {
                p.close(60_000);
                PublisherStats s = p.stats();
                sent += s.framesEnqueued();
                dropped += s.framesDropped() + s.messagesSpoolDropped();
                reconnects += s.reconnects();
                stallResends += s.retransmissions();
                recorderResends += s.recorderResends();
                gapResends += s.gapResends();
                p.connectionLosses().forEach((k, v) -> losses.merge(k, v, Long::sum));
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (written(recs) < sent && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Map<String, Long> recorderLosses = new TreeMap<>();
            long skipped = 0;
            List<Long> perRecorder = new ArrayList<>();
            for (Recorder r : recs) {
                perRecorder.add(r.stats().framesWritten());
                r.connectionLosses().forEach((k, v) -> recorderLosses.merge(k, v, Long::sum));
                r.close();
                skipped += r.stats().duplicates();
            }
            BenchDatasets check = BenchDatasets.verify(data, recorders > 1 ? work.resolve("merged") : null);
            System.out.println("connections lost: publishers " + losses + ", recorders " + recorderLosses);
            System.out.printf(Locale.ROOT, "frames recorded %d of %d sent; %d duplicate deliveries skipped by the recorders; "
                    + "%d dropped at publishers%s%n", check.frames(), sent, skipped, dropped, recorders > 1
                    ? "; recorders stored " + perRecorder + ", " + check.crossRecorderDuplicates()
                    + " frames by two of them (the merge keeps one)" : "");
            System.out.printf(Locale.ROOT, "publishers: %d reconnects, %d resends after a recorder re-subscribed, "
                    + "%d after reported gaps, %d after stalled confirmations%n", reconnects, recorderResends, gapResends,
                    stallResends);
            System.out.printf(Locale.ROOT, "latency enqueue->recorder write: p50 %.1f ms, p99 %.1f ms, max %.1f ms; "
                    + "p99 of frames enqueued outside the outage %.1f ms%n", latencies.percentileMs(50, false),
                    latencies.percentileMs(99, false), latencies.percentileMs(100, false), latencies.percentileMs(99, true));
            System.out.printf(Locale.ROOT, "publisher sender thread CPU: %.2f%% of one core per robot (wall %.1f s)%n",
                    100 * cpu / wall / robots, wall);
            new Figures().put("frames_sent", sent).put("frames_recorded", check.frames()).put("lost", sent - check.frames())
                    .put("duplicates", check.duplicates()).put("p99_latency_ms", latencies.percentileMs(99, false))
                    .put("p99_latency_outside_outage_ms", latencies.percentileMs(99, true))
                    .put("p50_latency_ms", latencies.percentileMs(50, false)).put("outage_ms", latencies.outageMs())
                    .put("publisher_cpu_share", cpu / wall / robots)
                    .put("reconnect_max_ms", reconnect == null ? 0 : reconnect.publishersMaxMs()).put("reconnects", reconnects)
                    .put("recorders", recorders).print(System.out);
        } finally {
            deleteTree(work);
        }
    }

    /** Streams for the measured time, restarting the broker half-way if asked; the reconnection times, or null. */
    private BenchReconnect stream(BenchBroker broker, TelemetryPublisher[] pubs, Recorder[] recs, BenchLatencies latencies,
                                  long start) throws Exception {
        long end = start + (long) (seconds * 1e9);
        boolean restarted = !restartBroker;
        BenchReconnect reconnect = null;
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
                reconnect = BenchReconnect.measure(pubs, recs, latencies.outageEnd);
                System.err.printf(Locale.ROOT, "reconnected after the broker came back: recorders %.1f ms, "
                        + "publishers p50 %.1f ms, max %.1f ms%n", reconnect.recorderMs(), reconnect.publishersMedianMs(),
                        reconnect.publishersMaxMs());
            }
            Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            System.err.printf(Locale.ROOT, "t=%4.1fs recorded=%d%n", (System.nanoTime() - start) * 1e-9, written(recs));
        }
        return reconnect;
    }

    private static long written(Recorder[] recs) {
        long n = 0;
        for (Recorder r : recs) {
            n += r.stats().framesWritten();
        }
        return n;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
