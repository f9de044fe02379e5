package dev.sim2pi.telemetry.publish;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.telemetry.MqttSettings;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker that accepts the TCP connection but has not answered CONNECT yet (one busy with a
 * restart, or twenty clients reconnecting at once) leaves the connect pending. The sender thread
 * must sleep meanwhile: it once woke for its past reconnect time over and over, spinning a core
 * that the connecting threads of every client on the machine needed.
 */
class PendingConnectTest {

    @TempDir
    Path tmp;

    @Test
    void theSenderSleepsWhileAConnectIsPending() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (Exception e) {
                    // Closed at the end of the test.
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            MqttSettings mqtt = MqttSettings.of("tcp://127.0.0.1:" + silent.getLocalPort());
            TelemetryPublisher pub = TelemetryPublisher.start(PublisherConfig.defaults("r1", mqtt, tmp.resolve("spool")),
                    SyntheticFrames.layout(), "s1");
            try {
                Thread.sleep(300);
                com.sun.management.ThreadMXBean threads =
                        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
                long cpuBefore = threads.getThreadCpuTime(pub.senderThreadId());
                long wallBefore = System.nanoTime();
                Thread.sleep(1000);
                double cpuShare = (double) (threads.getThreadCpuTime(pub.senderThreadId()) - cpuBefore)
                        / (System.nanoTime() - wallBefore);
                assertFalse(pub.stats().connected(), "the silent broker never answered CONNECT");
                assertTrue(held.size() >= 1, "the publisher reached the broker's port");
                // A spinning thread takes most of a core even on a busy machine; a sleeping one, ~0.
                assertTrue(cpuShare < 0.15, "sender CPU share while connecting: " + cpuShare);
            } finally {
                pub.close(100);
            }
        }
    }
}
