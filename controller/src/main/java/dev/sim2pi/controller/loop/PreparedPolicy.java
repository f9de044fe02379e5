package dev.sim2pi.controller.loop;

import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.bundle.inference.PolicyRunner;
import java.util.Objects;

/**
 * A policy ready to run: its runner already opened (ONNX Runtime session created, buffers
 * allocated) off the loop thread, so swapping it in costs the loop one reference write.
 *
 * @param id     what telemetry stamps on frames (bundle source and hash prefix)
 * @param bundle the verified bundle, or null for a runner built without one (tests)
 */
public record PreparedPolicy(String id, PolicyRunner runner, PolicyBundle bundle) {

    public PreparedPolicy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(runner, "runner");
    }

    /** Opens the bundle's runner: ONNX Runtime, or the plain-Java forward when {@code java}. */
    public static PreparedPolicy open(PolicyBundle bundle, boolean java) {
        PolicyRunner runner = java ? bundle.javaRunner() : bundle.openOnnx();
        String hash = bundle.manifest().onnxSha256();
        return new PreparedPolicy(bundle.manifest().taskId() + "@" + hash.substring(0, Math.min(12, hash.length())),
                runner, bundle);
    }
}
