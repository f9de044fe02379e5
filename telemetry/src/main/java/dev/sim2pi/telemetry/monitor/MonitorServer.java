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
 * The live web monitor: a static page ({@code index.html}, {@code monitor.js}, no CDN), a
 * Server-Sent Events stream pushing a snapshot every 100 ms, and {@code POST /cmd} for the arm,
 * stop and e-stop buttons.
 *
 * <p>Secure by default: it listens on 127.0.0.1; there every request must name a loopback
 * {@code Host} (a DNS-rebinding page cannot reach it), and every state-changing request must come
 * from the monitor's own page ({@code Origin}), so no other site can press a button. Bound to any
 * other address it needs a login token ({@link Options#token()}): opening {@code /?token=...}
 * once sets an HttpOnly, SameSite=Strict cookie. Refusals are counted ({@link #refusedRequests()}).
 * Viewers are capped and each stream ends after {@link Options#maxStreamMillis()} (the browser
 * reconnects), so no viewer holds a thread for ever.
 */
public final class MonitorServer implements AutoCloseable {

    private static final long PUSH_PERIOD_MILLIS = 100;
    private static final String COOKIE = "sim2pi_monitor_token";

    /**
     * Where and how to serve.
     *
     * @param bind            address to listen on (loopback by default)
     * @param port            TCP port, 0 = a free one
     * @param token           login token, or null; required when {@code bind} is not a loopback address
     * @param maxViewers      event streams at once; more are refused with 503
     * @param maxStreamMillis an event stream ends after this long (the browser reconnects)
     */
    public record Options(InetAddress bind, int port, String token, int maxViewers, long maxStreamMillis) {
        public Options {
            if (!bind.isLoopbackAddress() && (token == null || token.length() < 16)) {
                throw new dev.sim2pi.models.InputException("monitor bound to " + bind.getHostAddress()
                        + ": needs a login token of at least 16 characters (only 127.0.0.1 is served without one)");
            }
        }

        public static Options loopback(int port) {
            return new Options(InetAddress.getLoopbackAddress(), port, null, 8, 600_000);
        }
    }

    private final HttpServer server;
    private final MonitorState state;
    private final Options options;
    private final ExecutorService executor;
    private final java.util.concurrent.Semaphore viewers;
    private final java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean running = true;

    /** Serves on 127.0.0.1:{@code port} (0 = a free port). */
    public MonitorServer(MonitorState state, int port) throws IOException {
        this(state, Options.loopback(port));
    }

    public MonitorServer(MonitorState state, Options options) throws IOException {
        this.state = state;
        this.options = options;
        this.viewers = new java.util.concurrent.Semaphore(options.maxViewers());
        // Viewers plus a few threads for pages and commands: a bounded pool, so requests cannot pile up threads.
        this.executor = Executors.newFixedThreadPool(options.maxViewers() + 4, r -> {
            Thread t = new Thread(r, "telemetry-monitor-http");
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(options.bind(), options.port()), 16);
        server.createContext("/", guarded(this::serveStatic));
        server.createContext("/events", guarded(this::serveEvents));
        server.createContext("/cmd", guarded(this::serveCommand));
        server.setExecutor(executor);
        server.start();
    }

    /** The page's URL (with the token when one is needed). */
    public String url() {
        String host = options.bind().isLoopbackAddress() ? "127.0.0.1" : options.bind().getHostAddress();
        return "http://" + host + ":" + server.getAddress().getPort() + "/"
                + (options.token() == null ? "" : "?token=" + options.token());
    }

    /** Requests refused: wrong Host, foreign Origin on a state-changing request, missing token, too many viewers. */
    public long refusedRequests() {
        return refused.get();
    }

    private com.sun.net.httpserver.HttpHandler guarded(com.sun.net.httpserver.HttpHandler handler) {
        return ex -> {
            try {
                String refusal = refusal(ex);
                if (refusal != null) {
                    refused.incrementAndGet();
                    send(ex, refusal.startsWith("login") ? 401 : 403, "text/plain",
                            refusal.getBytes(StandardCharsets.UTF_8));
                    return;
                }
                handler.handle(ex);
            } finally {
                ex.close();
            }
        };
    }

    /** Why a request is refused, or null. */
    private String refusal(HttpExchange ex) {
        String host = ex.getRequestHeaders().getFirst("Host");
        int port = server.getAddress().getPort();
        if (options.bind().isLoopbackAddress()) {
            if (host == null || !(host.equals("127.0.0.1:" + port) || host.equals("localhost:" + port)
                    || host.equals("[::1]:" + port))) {
                return "forbidden: Host '" + host + "' is not this monitor";
            }
        } else if (host == null) {
            return "forbidden: no Host";
        }
        if (options.token() != null && !hasToken(ex)) {
            return "login required: open the URL the monitor printed (it carries the token)";
        }
        if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
            String origin = ex.getRequestHeaders().getFirst("Origin");
            if (origin == null || !origin.equals("http://" + host)) {
                return "forbidden: state-changing request from origin '" + origin + "'";
            }
        }
        return null;
    }

    private boolean hasToken(HttpExchange ex) {
        String token = options.token();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null && java.security.MessageDigest.isEqual(auth.getBytes(StandardCharsets.UTF_8),
                ("Bearer " + token).getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        for (String cookies : ex.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String c : cookies.split(";")) {
                if (java.security.MessageDigest.isEqual(c.trim().getBytes(StandardCharsets.UTF_8),
                        (COOKIE + "=" + token).getBytes(StandardCharsets.UTF_8))) {
                    return true;
                }
            }
        }
        String q = query(ex).get("token");
        if (q != null && "GET".equals(ex.getRequestMethod()) && java.security.MessageDigest.isEqual(
                q.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + token + "; HttpOnly; SameSite=Strict; Path=/");
            return true;
        }
        return false;
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
        if (!viewers.tryAcquire()) {
            refused.incrementAndGet();
            send(ex, 503, "text/plain", "too many viewers".getBytes(StandardCharsets.UTF_8));
            return;
        }
        try {
            stream(ex);
        } finally {
            viewers.release();
        }
    }

    private void stream(HttpExchange ex) throws IOException {
        String robot = query(ex).get("robot");
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        long end = System.nanoTime() + options.maxStreamMillis() * 1_000_000L;
        try (OutputStream out = ex.getResponseBody()) {
            while (running && System.nanoTime() < end) {
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
