package dev.sim2pi.models.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sim2pi.models.task.Channel;
import dev.sim2pi.models.task.Layout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps {@link PolicyManifest} to and from the {@code policy.json} tree (schema
 * {@code policy-manifest.schema.json}). Reading checks every required field and names the
 * one at fault; unknown schema versions are refused before anything else is read.
 */
final class ManifestJson {

    static final String FILE = "policy.json";

    private final String bundle;

    private ManifestJson(String bundle) {
        this.bundle = bundle;
    }

    // ---- writing ----

    static ObjectNode write(PolicyManifest m) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("schemaVersion", m.schemaVersion());
        ObjectNode task = root.putObject("task");
        task.put("id", m.taskId());
        task.put("version", m.taskVersion());
        root.set("observation", layout(m.observation()));
        root.set("action", layout(m.action()));
        root.put("controlRateHz", m.controlRateHz());
        ObjectNode latency = root.putObject("actionLatency");
        latency.put("steps", m.provenance().actionLatencySteps());
        latency.put("seconds", m.actionLatencySeconds());
        ObjectNode rand = root.putObject("randomization");
        rand.put("seed", m.provenance().seed());
        rand.set("config", Json.MAPPER.valueToTree(m.provenance().randomization()));
        ObjectNode prov = root.putObject("provenance");
        prov.put("gitCommit", m.provenance().gitCommit());
        prov.set("trainerConfig", Json.MAPPER.valueToTree(m.provenance().trainerConfig()));
        prov.put("envSteps", m.provenance().envSteps());
        ArrayNode returns = prov.putArray("evaluationReturns");
        m.provenance().evaluationReturns().forEach(returns::add);
        ObjectNode net = root.putObject("network");
        ArrayNode sizes = net.putArray("layerSizes");
        m.layerSizes().forEach(sizes::add);
        net.put("hiddenActivation", m.hiddenActivation().id());
        ObjectNode onnx = root.putObject("onnx");
        onnx.put("file", PolicyBundle.ONNX_FILE);
        onnx.put("sha256", m.onnxSha256());
        root.put("version", m.version());
        if (m.parent() == null) {
            root.putNull("parent");
        } else {
            root.put("parent", m.parent());
        }
        ArrayNode golden = root.putArray("golden");
        for (GoldenPair p : m.golden()) {
            ObjectNode pair = golden.addObject();
            floats(pair.putArray("observation"), p.observation());
            floats(pair.putArray("action"), p.action());
        }
        return root;
    }

    private static ArrayNode layout(Layout layout) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Channel c : layout.channels()) {
            ObjectNode ch = out.addObject();
            ch.put("name", c.name());
            ch.put("unit", c.unit());
            bound(ch, "low", c.low());
            bound(ch, "high", c.high());
        }
        return out;
    }

    /** JSON has no infinities: an unbounded side is null. */
    private static void bound(ObjectNode ch, String key, double value) {
        if (Double.isInfinite(value)) {
            ch.putNull(key);
        } else {
            ch.put(key, value);
        }
    }

    private static void floats(ArrayNode out, float[] values) {
        for (float v : values) {
            out.add(v);
        }
    }

    // ---- reading ----

    /** Reads and checks a manifest tree; {@code bundle} names the bundle in refusals. */
    static PolicyManifest read(String bundle, JsonNode root) {
        return new ManifestJson(bundle).read(root);
    }

    private PolicyManifest read(JsonNode root) {
        if (!root.isObject()) {
            throw refuse("", "is not a JSON object; expected the manifest object");
        }
        int schema = (int) integer(root, "schemaVersion", "");
        if (schema != PolicyManifest.SCHEMA_VERSION) {
            throw refuse("schemaVersion", "is " + schema + "; expected a known schema version ("
                    + PolicyManifest.SCHEMA_VERSION + ")");
        }
        JsonNode task = object(root, "task", "");
        String taskId = text(task, "id", "task.");
        int taskVersion = (int) integer(task, "version", "task.");
        Layout observation = layout(root, "observation");
        Layout action = layout(root, "action");
        double rate = number(root, "controlRateHz", "");
        if (!(rate > 0)) {
            throw refuse("controlRateHz", "is " + rate + "; expected a positive rate");
        }
        JsonNode latency = object(root, "actionLatency", "");
        int latencySteps = (int) integer(latency, "steps", "actionLatency.");
        double latencySeconds = number(latency, "seconds", "actionLatency.");
        JsonNode rand = object(root, "randomization", "");
        long seed = integer(rand, "seed", "randomization.");
        Map<String, Object> randConfig = map(object(rand, "config", "randomization."));
        JsonNode prov = object(root, "provenance", "");
        String commit = text(prov, "gitCommit", "provenance.");
        Map<String, Object> trainerConfig = map(object(prov, "trainerConfig", "provenance."));
        long envSteps = integer(prov, "envSteps", "provenance.");
        List<Double> returns = new ArrayList<>();
        for (JsonNode r : array(prov, "evaluationReturns", "provenance.")) {
            if (!r.isNumber()) {
                throw refuse("provenance.evaluationReturns", "holds '" + r + "'; expected numbers");
            }
            returns.add(r.doubleValue());
        }
        JsonNode net = object(root, "network", "");
        List<Integer> sizes = new ArrayList<>();
        for (JsonNode s : array(net, "layerSizes", "network.")) {
            if (!s.canConvertToInt() || !s.isIntegralNumber() || s.intValue() < 1) {
                throw refuse("network.layerSizes", "holds '" + s + "'; expected positive integers");
            }
            sizes.add(s.intValue());
        }
        Activation activation;
        String act = text(net, "hiddenActivation", "network.");
        try {
            activation = Activation.of(act);
        } catch (IllegalArgumentException e) {
            throw refuse("network.hiddenActivation", "is '" + act + "'; expected relu or tanh");
        }
        JsonNode onnx = object(root, "onnx", "");
        String file = text(onnx, "file", "onnx.");
        if (!file.equals(PolicyBundle.ONNX_FILE)) {
            throw refuse("onnx.file", "is '" + file + "'; expected '" + PolicyBundle.ONNX_FILE + "'");
        }
        String sha = text(onnx, "sha256", "onnx.");
        if (!sha.matches("[0-9a-f]{64}")) {
            throw refuse("onnx.sha256", "is '" + sha + "'; expected 64 lower-case hex digits");
        }
        List<GoldenPair> golden = golden(root, observation.size(), action.size());
        String signer = null;
        JsonNode sig = root.get("signature");
        if (sig != null && !sig.isNull()) {
            signer = text(object(root, "signature", ""), "publicKey", "signature.");
        }
        int version = PolicyManifest.FIRST_VERSION;
        JsonNode v = root.get("version");
        if (v != null && !v.isNull()) {
            long n = integer(root, "version", "");
            if (n < PolicyManifest.FIRST_VERSION || n > Integer.MAX_VALUE) {
                throw refuse("version", "is " + n + "; expected an integer from " + PolicyManifest.FIRST_VERSION
                        + " to " + Integer.MAX_VALUE);
            }
            version = (int) n;
        }
        String parent = null;
        JsonNode p = root.get("parent");
        if (p != null && !p.isNull()) {
            parent = text(root, "parent", "");
            if (!parent.matches("[0-9a-f]{64}")) {
                throw refuse("parent", "is '" + abbreviate(p) + "'; expected null or the parent's onnx.sha256"
                        + " (64 lower-case hex digits)");
            }
        }
        Provenance provenance;
        try {
            provenance = new Provenance(commit, trainerConfig, envSteps, returns, seed, randConfig, latencySteps);
        } catch (IllegalArgumentException e) {
            throw refuse("provenance", e.getMessage());
        }
        return new PolicyManifest(schema, taskId, taskVersion, observation, action, rate, latencySeconds, sizes,
                activation, provenance, sha, golden, signer, version, parent);
    }

    private List<GoldenPair> golden(JsonNode root, int obsSize, int actSize) {
        JsonNode pairs = array(root, "golden", "");
        if (pairs.size() < PolicyBundle.MIN_GOLDEN_PAIRS) {
            throw refuse("golden", "holds " + pairs.size() + " pairs; expected at least " + PolicyBundle.MIN_GOLDEN_PAIRS);
        }
        List<GoldenPair> out = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            String at = "golden[" + i + "].";
            JsonNode pair = pairs.get(i);
            if (!pair.isObject()) {
                throw refuse("golden[" + i + "]", "is not an object; expected {observation, action}");
            }
            out.add(new GoldenPair(floatArray(pair, "observation", at, obsSize), floatArray(pair, "action", at, actSize)));
        }
        return out;
    }

    private float[] floatArray(JsonNode node, String key, String prefix, int size) {
        JsonNode arr = array(node, key, prefix);
        if (arr.size() != size) {
            throw refuse(prefix + key, "holds " + arr.size() + " values; expected " + size);
        }
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            JsonNode v = arr.get(i);
            if (!v.isNumber()) {
                throw refuse(prefix + key + "[" + i + "]", "is '" + v + "'; expected a number");
            }
            out[i] = v.decimalValue().floatValue();
        }
        return out;
    }

    private Layout layout(JsonNode root, String key) {
        JsonNode arr = array(root, key, "");
        if (arr.isEmpty()) {
            throw refuse(key, "is empty; expected at least one channel");
        }
        List<Channel> channels = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            String at = key + "[" + i + "].";
            JsonNode ch = arr.get(i);
            if (!ch.isObject()) {
                throw refuse(key + "[" + i + "]", "is not an object; expected {name, unit, low, high}");
            }
            String name = text(ch, "name", at);
            String unit = text(ch, "unit", at);
            double low = bound(ch, "low", at, Double.NEGATIVE_INFINITY);
            double high = bound(ch, "high", at, Double.POSITIVE_INFINITY);
            try {
                channels.add(new Channel(name, unit, low, high));
            } catch (IllegalArgumentException e) {
                throw refuse(key + "[" + i + "]", e.getMessage());
            }
        }
        try {
            return new Layout(channels);
        } catch (IllegalArgumentException e) {
            throw refuse(key, e.getMessage());
        }
    }

    private double bound(JsonNode ch, String key, String prefix, double unbounded) {
        JsonNode v = ch.get(key);
        if (v == null) {
            throw missing(prefix + key, "a number, or null for unbounded");
        }
        if (v.isNull()) {
            return unbounded;
        }
        if (!v.isNumber()) {
            throw refuse(prefix + key, "is '" + v + "'; expected a number, or null for unbounded");
        }
        return v.doubleValue();
    }

    /** Free-form maps come back with plain doubles, as callers wrote them. */
    private Map<String, Object> map(JsonNode node) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = PLAIN.readValue(node.toString(), Map.class);
            return m;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a parsed JSON object always re-reads", e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper PLAIN = new com.fasterxml.jackson.databind.ObjectMapper();

    private JsonNode object(JsonNode node, String key, String prefix) {
        JsonNode v = field(node, key, prefix, "an object");
        if (!v.isObject()) {
            throw refuse(prefix + key, "is '" + abbreviate(v) + "'; expected an object");
        }
        return v;
    }

    private JsonNode array(JsonNode node, String key, String prefix) {
        JsonNode v = field(node, key, prefix, "an array");
        if (!v.isArray()) {
            throw refuse(prefix + key, "is '" + abbreviate(v) + "'; expected an array");
        }
        return v;
    }

    private String text(JsonNode node, String key, String prefix) {
        JsonNode v = field(node, key, prefix, "a string");
        if (!v.isTextual() || v.textValue().isEmpty()) {
            throw refuse(prefix + key, "is '" + abbreviate(v) + "'; expected a non-empty string");
        }
        return v.textValue();
    }

    private long integer(JsonNode node, String key, String prefix) {
        JsonNode v = field(node, key, prefix, "an integer");
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw refuse(prefix + key, "is '" + abbreviate(v) + "'; expected an integer");
        }
        return v.longValue();
    }

    private double number(JsonNode node, String key, String prefix) {
        JsonNode v = field(node, key, prefix, "a number");
        if (!v.isNumber()) {
            throw refuse(prefix + key, "is '" + abbreviate(v) + "'; expected a number");
        }
        return v.doubleValue();
    }

    private JsonNode field(JsonNode node, String key, String prefix, String expected) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw missing(prefix + key, expected);
        }
        return v;
    }

    private static String abbreviate(JsonNode v) {
        String s = v.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    private BundleException missing(String field, String expected) {
        return new BundleException(bundle, FILE + " field '" + field + "'", "is missing; expected " + expected);
    }

    private BundleException refuse(String field, String problem) {
        return new BundleException(bundle, FILE + (field.isEmpty() ? "" : " field '" + field + "'"), problem);
    }
}
