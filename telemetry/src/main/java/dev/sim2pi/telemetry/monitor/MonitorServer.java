package dev.sim2pi.telemetry.monitor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sim2pi.telemetry.wire.proto.Command;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The live web monitor on 127.0.0.1: a static page ({@code index.html}, {@code monitor.js}, no
 * CDN), a Server-Sent Events stream pushing a snapshot every 100 ms, and {@code POST /cmd} for
 * the arm, stop and e-stop buttons.
 */
public final class MonitorServer implements AutoCloseable {

    private static final long PUSH_PERIOD_MILLIS = 100;

    private final HttpServer server;
    private final MonitorState state;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "telemetry-monitor-http");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running = true;

    /** Serves on 127.0.0.1:{@code port} (0 = a free port). */
    public MonitorServer(MonitorState state, int port) throws IOException {
        this.state = state;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/", this::serveStatic);
        server.createContext("/events", this::serveEvents);
        server.createContext("/cmd", this::serveCommand);
        server.setExecutor(executor);
        server.start();
    }

    /** The page's URL. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private void serveStatic(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String resource = switch (path) {
            case "/", "/index.html" -> "index.html";
            case "/monitor.js" -> "monitor.js";
            default -> null;
        };
        if (resource == null) {
            send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        try (InputStream in = MonitorServer.class.getResourceAsStream(resource)) {
            byte[] body = in.readAllBytes();
            send(ex, 200, resource.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/html; charset=utf-8", body);
        }
    }

    private void serveEvents(HttpExchange ex) throws IOException {
        String robot = query(ex).get("robot");
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            while (running) {
                out.write(("data: " + state.snapshotJson(robot) + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(PUSH_PERIOD_MILLIS);
            }
        } catch (IOException e) {
            // The browser went away.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serveCommand(HttpExchange ex) throws IOException {
        if (!"POST".equals(ex.getRequestMethod())) {
            send(ex, 405, "text/plain", "POST only".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Map<String, String> q = query(ex);
        try {
            String k = q.getOrDefault("kind", "");
            if (!k.matches("ARM|STOP|ESTOP")) {
                throw new IllegalArgumentException("kind '" + k + "': expected ARM, STOP or ESTOP");
            }
            Command.Kind kind = Command.Kind.valueOf(k);
            String id = state.command(q.get("robot"), kind);
            send(ex, 200, "application/json", ("{\"commandId\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | dev.sim2pi.models.InputException e) {
            send(ex, 400, "text/plain", ("bad command: " + e.getMessage()).getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            send(ex, 503, "text/plain", ("broker unavailable: " + e.getMessage()).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> out = new HashMap<>();
        String q = ex.getRequestURI().getRawQuery();
        if (q == null) {
            return out;
        }
        for (String kv : q.split("&")) {
            int i = kv.indexOf('=');
            if (i > 0) {
                out.put(URLDecoder.decode(kv.substring(0, i), StandardCharsets.UTF_8),
                        URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void send(HttpExchange ex, int code, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(code, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        running = false;
        server.stop(0);
        executor.shutdownNow();
    }
}
