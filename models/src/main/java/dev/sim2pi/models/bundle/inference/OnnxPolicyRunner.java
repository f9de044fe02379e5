package dev.sim2pi.models.bundle.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.sim2pi.models.bundle.onnx.ActorGraphWriter;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Set;

/**
 * Runs a policy bundle's ONNX graph with ONNX Runtime. The input tensor wraps a direct buffer
 * that each call overwrites in place and the output is pinned to a preallocated tensor, so a
 * call allocates only what the Java binding itself does (a few hundred bytes).
 */
public final class OnnxPolicyRunner implements PolicyRunner {

    private boolean closed;
    private final OrtSession session;
    private final int obsSize;
    private final int actSize;
    private final FloatBuffer input;
    private final FloatBuffer output;
    private final OnnxTensor inputTensor;
    private final OnnxTensor outputTensor;
    private final Map<String, OnnxTensor> inputs;
    private final Map<String, OnnxValue> pinned;
    private final Set<String> requested = Set.of();

    private OnnxPolicyRunner(OrtSession session, int obsSize, int actSize) throws OrtException {
        this.session = session;
        this.obsSize = obsSize;
        this.actSize = actSize;
        this.input = direct(obsSize);
        this.output = direct(actSize);
        this.inputTensor = OnnxTensor.createTensor(OnnxSessions.environment(), input, new long[] {1, obsSize});
        this.outputTensor = OnnxTensor.createTensor(OnnxSessions.environment(), output, new long[] {1, actSize});
        this.inputs = Map.of(ActorGraphWriter.INPUT, inputTensor);
        this.pinned = Map.of(ActorGraphWriter.OUTPUT, outputTensor);
    }

    /**
     * Opens a runner over an ONNX model with graph input {@code obs} and output {@code action}.
     *
     * @param notices receives the one line saying CUDA fell back to CPU, if it does
     */
    public static OnnxPolicyRunner open(byte[] model, int obsSize, int actSize, Device device, PrintStream notices) {
        OrtSession session = null;
        try {
            session = OnnxSessions.open(model, device, notices);
            return new OnnxPolicyRunner(session, obsSize, actSize);
        } catch (OrtException e) {
            if (session != null) {
                closeQuietly(session);
            }
            throw new IllegalStateException("ONNX Runtime could not open the policy: " + e.getMessage(), e);
        }
    }

    /** Opens a CPU runner. */
    public static OnnxPolicyRunner open(byte[] model, int obsSize, int actSize) {
        return open(model, obsSize, actSize, Device.CPU, System.out);
    }

    private static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Override
    public int observationSize() {
        return obsSize;
    }

    @Override
    public int actionSize() {
        return actSize;
    }

    @Override
    public void act(float[] obs, int obsOffset, float[] action, int actionOffset) {
        input.put(0, obs, obsOffset, obsSize);
        try (OrtSession.Result ignored = session.run(inputs, requested, pinned)) {
            output.get(0, action, actionOffset, actSize);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to run the policy: " + e.getMessage(), e);
        }
    }

    /**
     * Runs a batch through a fresh, unpinned call: for parity checks and offline evaluation,
     * not the control loop (it allocates).
     *
     * @param obs    {@code batch * observationSize()} values, row-major
     * @param action receives {@code batch * actionSize()} values
     */
    public void actBatch(float[] obs, int batch, float[] action) {
        try (OnnxTensor in = OnnxTensor.createTensor(OnnxSessions.environment(), FloatBuffer.wrap(obs, 0, batch * obsSize),
                new long[] {batch, obsSize});
             OrtSession.Result result = session.run(Map.of(ActorGraphWriter.INPUT, in))) {
            FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
            out.get(action, 0, batch * actSize);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to run the policy: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // Idempotent: a swapped-out policy may be closed by the thread that retired it and by its owner.
        if (closed) {
            return;
        }
        closed = true;
        inputTensor.close();
        outputTensor.close();
        closeQuietly(session);
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // Closing releases native memory; a failure here leaves nothing for the caller to do.
        }
    }
}
