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
        float[] mean = constant(expect(ActorOp.SUB), 1);
        float[] std = constant(expect(ActorOp.DIV), 1);
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
        Activation hidden = null;
        while (true) {
            OnnxMl.NodeProto gemm = expect(ActorOp.GEMM);
            if (gemm.getAttributeCount() != 0) {
                throw new IllegalArgumentException("node '" + gemm.getName() + "' sets Gemm attributes; expected the defaults");
            }
            OnnxMl.TensorProto w = initializer(gemm, 1);
            if (w.getDimsCount() != 2) {
                throw new IllegalArgumentException("initializer '" + w.getName() + "' has dims " + w.getDimsList()
                        + "; expected [in, out]");
            }
            layers.add(new DenseLayer((int) w.getDims(0), (int) w.getDims(1), Tensors.floats(w), constant(gemm, 2)));
            ActorOp act = peek();
            if (act == ActorOp.RELU) {
                hidden = requireSame(hidden, Activation.RELU, expect(ActorOp.RELU));
                continue;
            }
            expect(ActorOp.TANH);
            if (peek() == ActorOp.MUL) {
                break;
            }
            hidden = requireSame(hidden, Activation.TANH, nodes.get(next - 1));
        }
        float[] half = constant(expect(ActorOp.MUL), 1);
        float[] mid = constant(expect(ActorOp.ADD), 1);
        if (next != nodes.size() || !value.equals(ActorGraphWriter.OUTPUT)) {
            throw new IllegalArgumentException("the graph goes on after the action scaling or does not end in '"
                    + ActorGraphWriter.OUTPUT + "'");
        }
        float[] low = new float[mid.length];
        float[] high = new float[mid.length];
        for (int i = 0; i < mid.length; i++) {
            low[i] = mid[i] - half[i];
            high[i] = mid[i] + half[i];
        }
        return new ActorNetwork(new Normalizer(mean, std, clip), layers,
                hidden == null ? Activation.RELU : hidden, low, high);
    }

    private static Activation requireSame(Activation seen, Activation now, OnnxMl.NodeProto node) {
        if (seen != null && seen != now) {
            throw new IllegalArgumentException("node '" + node.getName() + "' uses " + now.id()
                    + " after earlier layers used " + seen.id() + "; expected one hidden activation");
        }
        return now;
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
