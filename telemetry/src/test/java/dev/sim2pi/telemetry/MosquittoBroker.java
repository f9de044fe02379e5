package dev.sim2pi.telemetry;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto started by a test on a free port bound to 127.0.0.1, with its own config and
 * persistence directory, that the test can stop and start again on the same port. Absent
 * Mosquitto fails the test in CI ({@code CI=true}) and skips it elsewhere.
 */
public final class MosquittoBroker implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private final Path dir;
    private final int port;
    private Process process;

    private MosquittoBroker(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts a broker on a free port that keeps sessions and queued messages across restarts. */
    public static MosquittoBroker start(Path tempDir) throws IOException, InterruptedException {
        return start(tempDir, true);
    }

    /**
     * Starts a broker on a free port that forgets everything when it stops, like a broker that
     * crashed before saving: what it acknowledged but had not delivered is lost.
     */
    public static MosquittoBroker startForgetful(Path tempDir) throws IOException, InterruptedException {
        return start(tempDir, false);
    }

    private static MosquittoBroker start(Path tempDir, boolean persistent) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            String msg = "Mosquitto not found at " + BINARY + " (apt-get install mosquitto; .ci/run does this)";
            if ("true".equals(System.getenv("CI"))) {
                fail(msg);
            }
            assumeTrue(false, msg);
        }
        MosquittoBroker b = new MosquittoBroker(tempDir, freePort());
        Path data = Files.createDirectories(tempDir.resolve("mosquitto-data"));
        data.toFile().setWritable(true, false);
        tempDir.toFile().setExecutable(true, false);
        Files.writeString(tempDir.resolve("mosquitto.conf"), String.join("\n",
                "listener " + b.port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence " + persistent,
                "persistence_location " + data + "/",
                "autosave_interval 1",
                "max_queued_messages 1000000",
                "max_inflight_messages 20",
                "log_dest file " + tempDir.resolve("mosquitto.log"),
                "log_type error",
                "log_type warning",
                "") );
        b.startProcess();
        return b;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts the broker process again (same port, same persistence). */
    public void startProcess() throws IOException, InterruptedException {
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
                Thread.sleep(20);
            }
        }
        throw new IOException("mosquitto did not listen on " + port);
    }

    /** Terminates the broker (SIGTERM: it saves sessions and queued messages) and waits for it. */
    public void stopProcess() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopProcess();
    }
}
