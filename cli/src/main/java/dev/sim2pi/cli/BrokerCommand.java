package dev.sim2pi.cli;

import dev.sim2pi.models.InputException;
import dev.sim2pi.telemetry.broker.EmbeddedBroker;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the embedded MQTT 5 broker until interrupted. */
@Command(name = "broker", description = "Run an embedded MQTT 5 broker on 127.0.0.1 until Ctrl-C.")
final class BrokerCommand implements Runnable {

    @Option(names = "--port", defaultValue = "1883", description = "TCP port (default ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Keep sessions and queued messages in DIR across restarts (default: in memory).")
    Path data;

    @Option(names = "--credentials", paramLabel = "FILE", defaultValue = ".sim2pi/broker-credentials.properties",
            description = "Users and roles (made with random passwords, mode 600, if absent; default ${DEFAULT-VALUE}).")
    Path credentials;

    @Option(names = "--robot", paramLabel = "ID", description = "Add a robot user (repeatable) when making the credentials file.")
    java.util.List<String> robots = new java.util.ArrayList<>();

    @Option(names = "--allow-anonymous", description = "No credentials, no topic rules: for a throw-away test only.")
    boolean anonymous;

    @Override
    public void run() {
        if (BrokerOptions.listening(port)) {
            throw new InputException("--port " + port + ": 127.0.0.1:" + port + " is already taken (a broker running?); "
                    + "stop it or choose another --port");
        }
        dev.sim2pi.telemetry.access.BrokerCredentials creds = null;
        if (!anonymous) {
            try {
                if (!java.nio.file.Files.exists(credentials)) {
                    dev.sim2pi.telemetry.access.BrokerCredentials.generate(robots).write(credentials);
                }
            } catch (java.io.IOException e) {
                throw new dev.sim2pi.models.InputException("--credentials " + credentials + ": cannot write (" + e.getMessage() + ")");
            }
            creds = dev.sim2pi.telemetry.access.BrokerCredentials.read(credentials);
        }
        EmbeddedBroker broker = EmbeddedBroker.start(port, data, creds);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }));
        System.out.println("sim2pi broker: MQTT 5 on " + broker.url() + (data == null ? " (in-memory)" : " (data in " + data + ")")
                + (anonymous ? "; ANONYMOUS (no access control)" : "; users in " + credentials) + "; Ctrl-C stops it");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
