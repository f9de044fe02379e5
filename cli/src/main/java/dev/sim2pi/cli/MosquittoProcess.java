package dev.sim2pi.cli;

import dev.sim2pi.models.InputException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto the benchmark spawns on a free 127.0.0.1 port with persistence, and restarts. It
 * runs like a fleet's broker: no anonymous clients, hashed passwords for the given users, and the
 * shipped ACL file ({@code dev/sim2pi/telemetry/mosquitto/acl}, the same rules as the embedded
 * broker).
 */
final class MosquittoProcess {

    private static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    private static final Path PASSWD = Path.of("/usr/bin/mosquitto_passwd");
    private final Path dir;
    private final int port;
    private Process process;

    private MosquittoProcess(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static MosquittoProcess start(Path dir, dev.sim2pi.telemetry.access.BrokerCredentials users)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY) || !Files.isExecutable(PASSWD)) {
            throw new InputException("--mosquitto: " + BINARY + " and " + PASSWD + " needed (apt-get install mosquitto)");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.createDirectories(dir.resolve("data")).toFile().setWritable(true, false);
        // Plain "user:password" lines, hashed in place by mosquitto_passwd -U: no password on a command line.
        Path passwd = dir.resolve("passwd");
        StringBuilder lines = new StringBuilder();
        for (var u : users.users()) {
            lines.append(u.name()).append(':').append(u.password()).append('\n');
        }
        Files.createFile(passwd, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwd, lines);
        Process hash = new ProcessBuilder(PASSWD.toString(), "-U", passwd.toString()).redirectErrorStream(true).start();
        String said = new String(hash.getInputStream().readAllBytes());
        if (hash.waitFor() != 0) {
            throw new IOException("mosquitto_passwd -U failed: " + said);
        }
        Path acl = dir.resolve("acl");
        try (var in = dev.sim2pi.telemetry.Topics.class.getResourceAsStream("mosquitto/acl")) {
            Files.write(acl, in.readAllBytes());
        }
        Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
                "listener " + port + " 127.0.0.1", "allow_anonymous false", "password_file " + passwd,
                "acl_file " + acl,
                // Started by root, Mosquitto would switch to user 'mosquitto', who cannot read the
                // owner-only password file: it runs as whoever runs the bench.
                "user " + System.getProperty("user.name"), "persistence true",
                "persistence_location " + dir.resolve("data") + "/", "autosave_interval 1",
                "max_queued_messages 10000000", "log_dest none", ""));
        MosquittoProcess m = new MosquittoProcess(dir, port);
        m.start();
        return m;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(BINARY.toString(), "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IOException("mosquitto exited: " + Files.readString(dir.resolve("mosquitto.out")));
                }
                Thread.sleep(1);
            }
        }
        throw new IOException("mosquitto did not listen on port " + port);
    }

    /** SIGTERM: Mosquitto saves sessions and queued messages, then exits. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
