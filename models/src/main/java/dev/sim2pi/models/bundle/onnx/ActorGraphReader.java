package dev.sim2pi.models.bundle.onnx;

import ai.onnx.proto.OnnxMl;
import dev.sim2pi.models.bundle.Activation;
import dev.sim2pi.models.bundle.ActorNetwork;
import dev.sim2pi.models.bundle.DenseLayer;
import dev.sim2pi.models.bundle.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recovers the {@link ActorNetwork} from a graph {@link ActorGraphWriter} wrote, so a loaded
 * bundle can also run on the plain-Java forward pass. Any other graph shape is refused.
 */
public final class ActorGraphReader {

    private final Map<String, OnnxMl.TensorProto> initializers = new HashMap<>();
    private final List<OnnxMl.NodeProto> nodes;
    private int next;
    private String value;

    private ActorGraphReader(OnnxMl.GraphProto graph) {
        for (OnnxMl.TensorProto t : graph.getInitializerList()) {
            initializers.put(t.getName(), t);
        }
        this.nodes = graph.getNodeList();
        this.value = ActorGraphWriter.INPUT;
    }

    /**
     * Reads the actor.
     *
     * @throws IllegalArgumentException naming the node that does not fit the actor's shape
     */
    public static ActorNetwork read(OnnxMl.ModelProto model) {
        return new ActorGraphReader(model.getGraph()).read();
    }

    private ActorNetwork read() {
        float[] invStd = diagonal(expect(ActorOp.GEMM));
        float[] shift = constant(nodes.get(next - 1), 2);
        float clip = Float.POSITIVE_INFINITY;
        if (peek() == ActorOp.CLIP) {
            OnnxMl.NodeProto node = expect(ActorOp.CLIP);
            float low = scalar(node, 1);
            clip = scalar(node, 2);
            if (low != -clip) {
                throw new IllegalArgumentException("node '" + node.getName() + "' clips to [" + low + ", " + clip
                        + "]; expected a symmetric range");
            }
        }
        List<DenseLayer> layers = new ArrayList<>();
        List<ActorOp> activations = new ArrayList<>();
        // Layers run until the last node, which is the action scaling.
        while (next < nodes.size() - 1) {
            OnnxMl.NodeProto gemm = expect(ActorOp.GEMM);
            OnnxMl.TensorProto w = initializer(gemm, 1);
            if (w.getDimsCount() != 2) {
                throw new IllegalArgumentException("initializer '" + w.getName() + "' has dims " + w.getDimsList()
                        + "; expected [in, out]");
            }
            layers.add(new DenseLayer((int) w.getDims(0), (int) w.getDims(1), Tensors.floats(w), constant(gemm, 2)));
            ActorOp act = peek();
            if (act != ActorOp.RELU && act != ActorOp.TANH) {
                throw new IllegalArgumentException("node " + next + " follows a layer with " + nodes.get(Math.min(next, nodes.size() - 1)).getOpType()
                        + "; expected Relu or Tanh");
            }
            expect(act);
            activations.add(act);
        }
        if (layers.isEmpty() || activations.get(activations.size() - 1) != ActorOp.TANH) {
            throw new IllegalArgumentException("the mean head is not followed by Tanh");
        }
        Activation hidden = Activation.RELU;
        for (int k = 0; k < activations.size() - 1; k++) {
            Activation a = activations.get(k) == ActorOp.RELU ? Activation.RELU : Activation.TANH;
            if (k > 0 && a != hidden) {
                throw new IllegalArgumentException("layer " + k + " uses " + a.id() + " after earlier layers used "
                        + hidden.id() + "; expected one hidden activation");
            }
            hidden = a;
        }
        OnnxMl.NodeProto scale = expect(ActorOp.GEMM);
        float[] half = diagonal(scale);
        float[] mid = constant(scale, 2);
        if (!value.equals(ActorGraphWriter.OUTPUT)) {
            throw new IllegalArgumentException("the graph does not end in '" + ActorGraphWriter.OUTPUT + "'");
        }
        float[] mean = new float[invStd.length];
        float[] std = new float[invStd.length];
        for (int i = 0; i < std.length; i++) {
            std[i] = 1f / invStd[i];
            mean[i] = -shift[i] * std[i];
        }
        float[] low = new float[mid.length];
        float[] high = new float[mid.length];
        for (int i = 0; i < mid.length; i++) {
            low[i] = mid[i] - half[i];
            high[i] = mid[i] + half[i];
        }
        return new ActorNetwork(new Normalizer(mean, std, clip), layers, hidden, low, high);
    }

    /** The diagonal of a Gemm's square weight matrix; refuses off-diagonal values. */
    private float[] diagonal(OnnxMl.NodeProto gemm) {
        OnnxMl.TensorProto t = initializer(gemm, 1);
        if (t.getDimsCount() != 2 || t.getDims(0) != t.getDims(1)) {
            throw new IllegalArgumentException("initializer '" + t.getName() + "' has dims " + t.getDimsList()
                    + "; expected a square diagonal matrix");
        }
        int n = (int) t.getDims(0);
        float[] m = Tensors.floats(t);
        float[] diag = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j && m[i * n + j] != 0f) {
                    throw new IllegalArgumentException("initializer '" + t.getName() + "' has " + m[i * n + j] + " at ["
                            + i + ", " + j + "]; expected a diagonal matrix");
                }
            }
            diag[i] = m[i * n + i];
        }
        return diag;
    }

    private ActorOp peek() {
        return next < nodes.size() ? ActorOp.byOpType(nodes.get(next).getOpType()) : null;
    }

    private OnnxMl.NodeProto expect(ActorOp op) {
        if (next >= nodes.size()) {
            throw new IllegalArgumentException("the graph ends where a " + op.getOpName() + " node was expected");
        }
        OnnxMl.NodeProto node = nodes.get(next);
        if (!node.getOpType().equals(op.getOpName()) || node.getInputCount() < 1 || !node.getInput(0).equals(value)
                || node.getOutputCount() != 1) {
            throw new IllegalArgumentException("node " + next + " ('" + node.getName() + "', " + node.getOpType()
                    + " of " + node.getInputList() + "); expected " + op.getOpName() + " of '" + value + "'");
        }
        if (op == ActorOp.GEMM && node.getAttributeCount() != 0) {
            throw new IllegalArgumentException("node '" + node.getName() + "' sets Gemm attributes; expected the defaults");
        }
        next++;
        value = node.getOutput(0);
        return node;
    }

    private OnnxMl.TensorProto initializer(OnnxMl.NodeProto node, int input) {
        String name = input < node.getInputCount() ? node.getInput(input) : "";
        OnnxMl.TensorProto t = initializers.get(name);
        if (t == null || !Tensors.isFloat(t)) {
            throw new IllegalArgumentException("node '" + node.getName() + "' input " + input + " ('" + name
                    + "') is not a float32 initializer");
        }
        return t;
    }

    private float[] constant(OnnxMl.NodeProto node, int input) {
        return Tensors.floats(initializer(node, input));
    }

    private float scalar(OnnxMl.NodeProto node, int input) {
        float[] v = constant(node, input);
        if (v.length != 1) {
            throw new IllegalArgumentException("node '" + node.getName() + "' input " + input + " holds "
                    + v.length + " values; expected a scalar");
        }
        return v[0];
    }
}
