package dev.sim2pi.trainer.report;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol with the JDK's HTTP and
 * WebSocket clients (the launch flags and the wait for its helper processes as in the monitor's
 * browser tests). Absent Chromium fails in CI and skips elsewhere.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    /** URLs the page asked the network for (Network.requestWillBeSent), data: URIs included. */
    private final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());

    private HeadlessChromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** Starts Chromium with a fresh profile in {@code profile} (its log goes beside it). */
    public static HeadlessChromium start(Path profile) throws Exception {
        Path binary = Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(binary)) {
            String msg = "Chromium not found at " + binary + " (apt-get install chromium; .ci/run does this)";
            if ("true".equals(System.getenv("CI"))) {
                fail(msg);
            }
            assumeTrue(false, msg);
        }
        Path log = profile.resolveSibling("chromium.log");
        Process p = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--disable-dev-shm-usage", "--allow-file-access-from-files", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2)) {
            if (System.nanoTime() > end || !p.isAlive()) {
                p.destroyForcibly();
                throw new IOException("chromium did not open its DevTools port: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        HttpClient http = HttpClient.newHttpClient();
        String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String wsUrl = null;
        for (JsonNode target : JSON.readTree(list)) {
            if ("page".equals(target.path("type").asText())) {
                wsUrl = target.path("webSocketDebuggerUrl").asText();
                break;
            }
        }
        if (wsUrl == null) {
            p.destroyForcibly();
            throw new IOException("no page target in " + list);
        }
        HeadlessChromium[] self = new HeadlessChromium[1];
        StringBuilder partial = new StringBuilder();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(wsUrl), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    self[0].onMessage(partial.toString());
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        self[0] = new HeadlessChromium(p, ws);
        self[0].call("Network.enable", Map.of());
        return self[0];
    }

    private void onMessage(String text) {
        try {
            JsonNode msg = JSON.readTree(text);
            if (msg.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
                if (f != null) {
                    f.complete(msg);
                }
            } else if ("Network.requestWillBeSent".equals(msg.path("method").asText())) {
                requests.add(msg.path("params").path("request").path("url").asText());
            }
        } catch (IOException e) {
            // Not JSON: not for us.
        }
    }

    JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode req = JSON.createObjectNode().put("id", id).put("method", method);
        req.set("params", JSON.valueToTree(params));
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(JSON.writeValueAsString(req), true).get(10, TimeUnit.SECONDS);
        JsonNode reply = f.get(30, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IOException(method + " failed: " + reply.get("error"));
        }
        return reply.get("result");
    }

    /** Makes the page as wide as a phone held upright (CSS pixels), as a phone's browser would lay it out. */
    public void phoneViewport(int widthCss, int heightCss) throws Exception {
        call("Emulation.setDeviceMetricsOverride", Map.of("width", widthCss, "height", heightCss,
                "deviceScaleFactor", 3, "mobile", true));
    }

    /** Opens {@code file} and waits until it has loaded. */
    public void open(Path file) throws Exception {
        call("Page.navigate", Map.of("url", file.toUri().toString()));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!"complete".equals(eval("document.readyState"))) {
            if (System.nanoTime() > end) {
                throw new IOException("page " + file + " did not finish loading");
            }
            Thread.sleep(50);
        }
    }

    /** Evaluates a JavaScript expression in the page; its value as JSON (strings quoted, arrays and objects too). */
    public JsonNode evalJson(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", Map.of("expression", "JSON.stringify(" + expression + ")",
                "returnByValue", true));
        if (r.has("exceptionDetails")) {
            throw new IOException("script failed: " + r.get("exceptionDetails"));
        }
        return JSON.readTree(r.path("result").path("value").asText("null"));
    }

    public String eval(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        return r.path("result").path("value").asText();
    }

    /** Every URL the page requested so far. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.abort();
        // Chromium's helpers (zygote, renderer, crashpad) outlive the browser for a moment and keep
        // writing into the profile, which then cannot be deleted: end and wait for all of them.
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        for (ProcessHandle h : family) {
            h.destroy();
        }
        for (ProcessHandle h : family) {
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                h.destroyForcibly();
            }
        }
    }
}
