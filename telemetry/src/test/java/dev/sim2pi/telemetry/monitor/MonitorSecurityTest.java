package dev.sim2pi.telemetry.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.models.InputException;
import dev.sim2pi.telemetry.MqttSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The monitor refuses what a hostile web page or a stranger on the network could send, and
 * counts it: a cross-origin POST (a button pressed by another site), a request naming another
 * Host (DNS rebinding), a request without the login token when bound beyond 127.0.0.1, and more
 * viewers than it serves. Raw sockets, because the JDK's HTTP client will not set Host.
 */
class MonitorSecurityTest {

    /** Nothing listens on port 1: commands that pass the checks fail with 503 (no broker), not 403. */
    private static final MqttSettings NOWHERE = MqttSettings.of("tcp://127.0.0.1:1");

    private static String request(int port, String method, String path, String... headers) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(30_000);
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            for (String h : headers) {
                req.append(h).append("\r\n");
            }
            req.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                line.append((char) c);
            }
            return line.toString().trim();
        }
    }

    @Test
    void crossOriginPostsForeignHostsAndRequestsWithoutTheTokenAreRefusedAndCounted() throws Exception {
        try (MonitorState state = new MonitorState(NOWHERE);
             MonitorServer server = new MonitorServer(state, 0)) {
            int port = Integer.parseInt(server.url().replaceAll(".*:(\\d+)/.*", "$1"));
            String host = "Host: 127.0.0.1:" + port;
            assertTrue(request(port, "GET", "/", host).contains(" 200"));
            assertTrue(request(port, "POST", "/cmd?robot=r1&kind=ESTOP", host, "Origin: http://127.0.0.1:" + port)
                    .contains(" 503"), "own page: passes the checks (no broker behind)");
            assertTrue(request(port, "POST", "/cmd?robot=r1&kind=ARM", host, "Origin: https://evil.example")
                    .contains(" 403"), "cross-origin POST");
            assertTrue(request(port, "POST", "/cmd?robot=r1&kind=ARM", host).contains(" 403"), "POST without Origin");
            assertTrue(request(port, "GET", "/", "Host: evil.example:" + port).contains(" 403"), "DNS rebinding");
            assertEquals(3, server.refusedRequests());
        }
    }

    @Test
    void boundBeyondLoopbackItNeedsAToken() throws Exception {
        InetAddress any = InetAddress.getByName("0.0.0.0");
        assertThrows(InputException.class, () -> new MonitorServer.Options(any, 0, null, 8, 1000));
        try (MonitorState state = new MonitorState(NOWHERE);
             MonitorServer server = new MonitorServer(state,
                     new MonitorServer.Options(any, 0, "0123456789abcdef0123", 8, 1000))) {
            int port = Integer.parseInt(server.url().replaceAll(".*:(\\d+)/.*", "$1"));
            String host = "Host: 10.0.0.5:" + port;
            assertTrue(request(port, "GET", "/", host).contains(" 401"));
            assertTrue(request(port, "GET", "/?token=wrong", host).contains(" 401"));
            assertTrue(request(port, "GET", "/?token=0123456789abcdef0123", host).contains(" 200"));
            assertTrue(request(port, "GET", "/", host, "Cookie: sim2pi_monitor_token=0123456789abcdef0123").contains(" 200"));
            assertEquals(2, server.refusedRequests());
        }
    }

    @Test
    void viewersAreCappedAndEachStreamEnds() throws Exception {
        try (MonitorState state = new MonitorState(NOWHERE);
             MonitorServer server = new MonitorServer(state,
                     new MonitorServer.Options(InetAddress.getLoopbackAddress(), 0, null, 1, 1500))) {
            int port = Integer.parseInt(server.url().replaceAll(".*:(\\d+)/.*", "$1"));
            String host = "Host: 127.0.0.1:" + port;
            try (Socket viewer = new Socket(InetAddress.getLoopbackAddress(), port)) {
                viewer.getOutputStream().write(("GET /events HTTP/1.1\r\n" + host + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                viewer.setSoTimeout(30_000);
                InputStream in = viewer.getInputStream();
                assertTrue(in.read() >= 0, "the first viewer streams");
                assertTrue(request(port, "GET", "/events", host).contains(" 503"), "a second one is refused");
                // The stream ends by itself: the server closes it after its time (the browser would reconnect).
                byte[] buf = new byte[8192];
                while (in.read(buf) >= 0) {
                    // drain until the server ends the stream
                }
            }
            long end = System.nanoTime() + 30_000_000_000L;
            String status = "";
            while (System.nanoTime() < end && !(status = request(port, "GET", "/", host)).contains(" 200")) {
                Thread.sleep(10);
            }
            assertTrue(status.contains(" 200"));
            assertEquals(1, server.refusedRequests());
        }
    }
}
