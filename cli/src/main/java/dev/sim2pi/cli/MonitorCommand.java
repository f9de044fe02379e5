package dev.sim2pi.cli;

import dev.sim2pi.telemetry.monitor.MonitorServer;
import dev.sim2pi.telemetry.monitor.MonitorState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Serves the live web monitor on 127.0.0.1. */
@Command(name = "monitor", description = "Live web page on 127.0.0.1: robots, plots, loop jitter, events, recorder, arm/stop/e-stop.")
final class MonitorCommand implements Runnable {

    @Mixin
    BrokerOptions broker;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port on 127.0.0.1 (default ${DEFAULT-VALUE}).")
    int port;

    @Override
    public void run() {
        try (BrokerOptions.Target target = broker.open();
             MonitorState state = new MonitorState(target.settings());
             MonitorServer server = new MonitorServer(state, port)) {
            System.out.println("sim2pi monitor: " + server.url() + " (broker " + target.settings().serverUrl() + "); Ctrl-C stops it");
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the monitor on 127.0.0.1:" + port, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
