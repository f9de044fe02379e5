package dev.sim2pi.cli;

import dev.sim2pi.telemetry.Topics;
import dev.sim2pi.telemetry.record.Recorder;
import dev.sim2pi.telemetry.record.RecorderStats;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Records telemetry into datasets, one per robot and session. */
@Command(name = "record", description = "Record robot telemetry from MQTT into datasets (one per robot and session).")
final class RecordCommand implements Runnable {

    @Mixin
    BrokerOptions broker;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Datasets root: DIR/<robot>/<session>/.")
    Path out;

    @Option(names = "--robot", paramLabel = "ID", description = "Record only this robot (default: all).")
    String robot;

    @Option(names = "--client-id", defaultValue = "sim2pi-recorder",
            description = "MQTT client id; keep it stable so the broker queues telemetry while the recorder is away.")
    String clientId;

    @Option(names = "--max-message-bytes", defaultValue = "16777216",
            description = "Larger messages are counted as oversized and skipped (default ${DEFAULT-VALUE}).")
    int maxMessageBytes;

    @Option(names = "--share-group", paramLabel = "NAME",
            description = "Join this MQTT 5 shared subscription group: recorders of one group (each with its own "
                    + "--client-id and --out) split the fleet; 'sim2pi dataset merge' joins their outputs.")
    String shareGroup;

    @Option(names = "--seconds", defaultValue = "0", description = "Stop after this many seconds (0 = until Ctrl-C).")
    double seconds;

    @Override
    public void run() {
        if (robot != null) {
            Topics.checkRobotId(robot);
        }
        try (BrokerOptions.Target target = broker.open(dev.sim2pi.telemetry.access.BrokerCredentials.RECORDER)) {
            Recorder recorder = Recorder.start(new Recorder.Options(target.settings(), out, robot, clientId,
                    maxMessageBytes, 24 * 3600, shareGroup), null);
            CountDownLatch done = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                recorder.close();
                done.countDown();
            });
            Runtime.getRuntime().addShutdownHook(hook);
            System.err.println("sim2pi record: " + target.settings().serverUrl() + " -> " + out.toAbsolutePath());
            long start = System.nanoTime();
            long lastFrames = 0;
            long lastNanos = start;
            while (done.getCount() > 0 && (seconds <= 0 || System.nanoTime() - start < seconds * 1e9)) {
                Thread.sleep(1000);
                RecorderStats s = recorder.stats();
                long now = System.nanoTime();
                double rate = (s.framesWritten() - lastFrames) / ((now - lastNanos) * 1e-9);
                lastFrames = s.framesWritten();
                lastNanos = now;
                System.err.print(line(s, rate) + "\r");
            }
            Runtime.getRuntime().removeShutdownHook(hook);
            recorder.close();
            RecorderStats s = recorder.stats();
            System.err.println();
            System.out.println(line(s, 0).replace("  0 frames/s ", " "));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String line(RecorderStats s, double rate) {
        return String.format(Locale.ROOT,
                "%s %7.0f frames/s  frames=%d robots=%d datasets=%d bytes=%d gaps(missing)=%d dropped_at_source=%d unavailable=%d duplicates=%d malformed=%d oversized=%d store_failures=%d corrupt_records=%d",
                s.connected() ? "[connected]" : "[offline]  ", rate, s.framesWritten(), s.robots(), s.datasets(),
                s.bytes(), s.missing(), s.droppedAtSource(), s.unavailable(), s.duplicates(), s.malformed(), s.oversized(),
                s.storeFailures(), s.corruptRecords());
    }
}
