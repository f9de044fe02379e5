package dev.sim2pi.models.bundle.onnx;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;

/**
 * The ONNX operators (default domain, opset 13) an exported actor uses. Tribuo's own
 * operator list lacks Relu, Tanh and MatMul, so the graph builder is given this one.
 */
public enum ActorOp implements ONNXOperator {
    SUB("Sub", 2, 0),
    DIV("Div", 2, 0),
    MUL("Mul", 2, 0),
    ADD("Add", 2, 0),
    /** Opset 13 Clip takes min and max as optional inputs, not attributes. */
    CLIP("Clip", 1, 2),
    /** Defaults alpha = beta = 1, no transposes: {@code A[batch, in] B[in, out] + C[out]}. */
    GEMM("Gemm", 2, 1),
    MATMUL("MatMul", 2, 0),
    RELU("Relu", 1, 0),
    TANH("Tanh", 1, 0);

    /** The opset every node is written for. */
    public static final int OPSET = 13;
    /** The default ONNX domain. */
    public static final String DOMAIN = "";

    private final String opName;
    private final int inputs;
    private final int optionalInputs;

    ActorOp(String opName, int inputs, int optionalInputs) {
        this.opName = opName;
        this.inputs = inputs;
        this.optionalInputs = optionalInputs;
    }

    /** The operator named {@code opType}, if this enum has it. */
    public static ActorOp byOpType(String opType) {
        for (ActorOp op : values()) {
            if (op.opName.equals(opType)) {
                return op;
            }
        }
        return null;
    }

    @Override
    public String getOpName() {
        return opName;
    }

    @Override
    public int getNumInputs() {
        return inputs;
    }

    @Override
    public int getNumOptionalInputs() {
        return optionalInputs;
    }

    @Override
    public int getNumOutputs() {
        return 1;
    }

    @Override
    public Map<String, ONNXAttribute> getAttributes() {
        return Collections.emptyMap();
    }

    @Override
    public Set<String> getMandatoryAttributeNames() {
        return Collections.emptySet();
    }

    @Override
    public int getOpVersion() {
        return OPSET;
    }

    @Override
    public String getOpDomain() {
        return DOMAIN;
    }
}
