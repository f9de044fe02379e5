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

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default ${DEFAULT-VALUE}). Any other address needs a login token: "
                    + "a random one is made and printed in the URL.")
    String bind;

    @Option(names = "--key", paramLabel = "PREFIX",
            description = "Operator key pair prefix (PREFIX.key and PREFIX.pub, from 'bundle keygen'): the buttons' commands are "
                    + "signed with it here (the browser never holds it). Without it only stop and e-stop can be sent: "
                    + "robots refuse an unsigned arm.")
    java.nio.file.Path key;

    private dev.sim2pi.telemetry.command.CommandSigner signer() {
        if (key == null) {
            return null;
        }
        return new dev.sim2pi.telemetry.command.CommandSigner(
                dev.sim2pi.models.bundle.Ed25519Keys.readPrivate(java.nio.file.Path.of(key + ".key")),
                dev.sim2pi.models.bundle.Ed25519Keys.readPublic(java.nio.file.Path.of(key + ".pub")),
                java.time.InstantSource.system(), new java.security.SecureRandom(), "monitor");
    }

    private MonitorServer.Options options() {
        java.net.InetAddress address;
        try {
            address = java.net.InetAddress.getByName(bind);
        } catch (java.net.UnknownHostException e) {
            throw new dev.sim2pi.models.InputException("--bind " + bind + ": not an address of this machine");
        }
        String token = null;
        if (!address.isLoopbackAddress()) {
            byte[] b = new byte[24];
            new java.security.SecureRandom().nextBytes(b);
            token = java.util.HexFormat.of().formatHex(b);
        }
        return new MonitorServer.Options(address, port, token, 8, 600_000);
    }

    @Override
    public void run() {
        dev.sim2pi.telemetry.command.CommandSigner signer = signer();
        try (BrokerOptions.Target target = broker.open(dev.sim2pi.telemetry.access.BrokerCredentials.OPERATOR);
             MonitorState state = new MonitorState(target.settings(), signer);
             MonitorServer server = new MonitorServer(state, options())) {
            System.out.println("sim2pi monitor: " + server.url() + " (broker " + target.settings().serverUrl() + "; "
                    + (signer == null ? "no --key: stop and e-stop only" : "commands signed with " + key + ".key") + "); Ctrl-C stops it");
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the monitor on " + bind + ":" + port, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
