package dev.sim2pi.models.bundle.inference;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.io.PrintStream;

/** Opens ONNX Runtime sessions tuned for one observation at a time on a small MLP. */
public final class OnnxSessions {

    /** The line printed when CUDA was asked for but cannot be used. */
    public static final String CUDA_FALLBACK = "CUDA execution provider not available; running on CPU";

    private OnnxSessions() {
    }

    public static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment();
    }

    /**
     * A session over {@code model}: one intra-op and one inter-op thread, sequential execution,
     * all graph optimizations. Thread pools only cost latency at this size.
     *
     * @param notices where the one CUDA fallback line goes
     */
    public static OrtSession open(byte[] model, Device device, PrintStream notices) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (device == Device.CUDA && !addCuda(options)) {
                notices.println(CUDA_FALLBACK);
            }
            return environment().createSession(model, options);
        }
    }

    private static boolean addCuda(OrtSession.SessionOptions options) {
        if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            return false;
        }
        try {
            options.addCUDA(0);
            return true;
        } catch (OrtException e) {
            // The GPU build is present but no usable device or driver: CPU still works.
            return false;
        }
    }
}
