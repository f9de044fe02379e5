package dev.sim2pi.models.bundle;

import dev.sim2pi.models.bundle.inference.Device;
import dev.sim2pi.models.bundle.inference.JavaPolicyRunner;
import dev.sim2pi.models.bundle.inference.OnnxPolicyRunner;
import java.io.PrintStream;
import java.util.Objects;

/**
 * A verified policy bundle: what {@link BundleLoader} returns once every check passed.
 *
 * @param source   the folder or archive it was read from, as the caller named it
 * @param manifest the parsed {@code policy.json}
 * @param onnx     the bytes of {@code policy.onnx} (their SHA-256 matched the manifest)
 * @param actor    the network read back from the ONNX graph, for the plain-Java runner
 */
public record PolicyBundle(String source, PolicyManifest manifest, byte[] onnx, ActorNetwork actor) {

    public static final String ONNX_FILE = "policy.onnx";
    public static final String MANIFEST_FILE = "policy.json";
    /** File name extension of the single-file archive form. */
    public static final String ARCHIVE_EXTENSION = ".s2p";
    public static final int MIN_GOLDEN_PAIRS = 8;

    public PolicyBundle {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(manifest, "manifest");
        onnx = Objects.requireNonNull(onnx, "onnx").clone();
        Objects.requireNonNull(actor, "actor");
    }

    @Override
    public byte[] onnx() {
        return onnx.clone();
    }

    /** An ONNX Runtime runner on {@code device}; a CUDA request without CUDA prints one line to {@code notices}. */
    public OnnxPolicyRunner openOnnx(Device device, PrintStream notices) {
        return OnnxPolicyRunner.open(onnx, actor.observationSize(), actor.actionSize(), device, notices);
    }

    /** An ONNX Runtime runner on the CPU. */
    public OnnxPolicyRunner openOnnx() {
        return openOnnx(Device.CPU, System.out);
    }

    /** The plain-Java runner over the same weights. */
    public JavaPolicyRunner javaRunner() {
        return new JavaPolicyRunner(actor);
    }
}
