package dev.sim2pi.telemetry.record;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * Forces the recorder's open datasets to the device at a fixed interval on a thread of its own.
 * A disk that takes a second to sync must not hold up the recorder's confirmations: publishers
 * read a confirmation that stops advancing as a broker that lost their batches, and resend.
 */
final class DatasetSync implements AutoCloseable {

    private final Supplier<Collection<DatasetWriter>> open;
    private final long intervalMillis;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long failures;

    DatasetSync(Supplier<Collection<DatasetWriter>> open, long intervalMillis) {
        this.open = open;
        this.intervalMillis = intervalMillis;
        this.thread = new Thread(this::run, "telemetry-recorder-sync");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Syncs that failed with an I/O error other than a dataset closed meanwhile. */
    long failures() {
        return failures;
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
            for (DatasetWriter w : open.get()) {
                try {
                    w.force();
                } catch (ClosedChannelException e) {
                    // Closed by the recorder meanwhile; closing syncs it.
                } catch (IOException e) {
                    failures++;
                    System.err.println("sim2pi record: could not sync " + w.dir() + ": " + e);
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
