package dev.sim2pi.models.bundle.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Structural checks in the spirit of the official ONNX checker, for the graphs a policy
 * bundle may hold: IR version and opset, unique names, every node input defined before
 * use, known operators with legal input counts, initializers whose dtype and dims agree
 * with their data, and float32 {@code [batch, n]} graph input and output.
 */
public final class OnnxModelCheck {

    private final List<String> problems = new ArrayList<>();

    private OnnxModelCheck() {
    }

    /**
     * Lists what is wrong with {@code model}; empty when it passes.
     *
     * @param obsSize    expected width of the {@code obs} input
     * @param actionSize expected width of the {@code action} output
     */
    public static List<String> problems(OnnxMl.ModelProto model, int obsSize, int actionSize) {
        OnnxModelCheck c = new OnnxModelCheck();
        c.check(model, obsSize, actionSize);
        return List.copyOf(c.problems);
    }

    private void check(OnnxMl.ModelProto model, int obsSize, int actionSize) {
        if (model.getIrVersion() != ActorGraphWriter.IR_VERSION) {
            problems.add("ir_version is " + model.getIrVersion() + "; expected " + ActorGraphWriter.IR_VERSION);
        }
        boolean opset = false;
        for (OnnxMl.OperatorSetIdProto id : model.getOpsetImportList()) {
            if (id.getDomain().isEmpty() || id.getDomain().equals("ai.onnx")) {
                opset = id.getVersion() == ActorOp.OPSET;
            }
        }
        if (!opset) {
            problems.add("opset_import lacks the default domain at version " + ActorOp.OPSET);
        }
        if (!model.hasGraph()) {
            problems.add("the model has no graph");
            return;
        }
        OnnxMl.GraphProto g = model.getGraph();
        Set<String> defined = new HashSet<>();
        if (g.getInputCount() != 1) {
            problems.add("graph has " + g.getInputCount() + " inputs; expected one, '" + ActorGraphWriter.INPUT + "'");
        }
        for (OnnxMl.ValueInfoProto in : g.getInputList()) {
            checkValue("input", in, ActorGraphWriter.INPUT, obsSize);
            define(defined, in.getName(), "graph input");
        }
        for (OnnxMl.TensorProto t : g.getInitializerList()) {
            checkInitializer(t);
            define(defined, t.getName(), "initializer");
        }
        for (int i = 0; i < g.getNodeCount(); i++) {
            OnnxMl.NodeProto n = g.getNode(i);
            ActorOp op = ActorOp.byOpType(n.getOpType());
            String label = "node " + i + " (" + n.getOpType() + " '" + n.getName() + "')";
            if (op == null || !(n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx"))) {
                problems.add(label + " uses an operator outside the actor's set in domain '" + n.getDomain() + "'");
            } else if (n.getInputCount() < op.getNumInputs() || n.getInputCount() > op.getNumInputs() + op.getNumOptionalInputs()) {
                problems.add(label + " has " + n.getInputCount() + " inputs; expected " + op.getNumInputs()
                        + (op.getNumOptionalInputs() > 0 ? " to " + (op.getNumInputs() + op.getNumOptionalInputs()) : ""));
            }
            for (String input : n.getInputList()) {
                if (!input.isEmpty() && !defined.contains(input)) {
                    problems.add(label + " reads '" + input + "' before anything defines it");
                }
            }
            if (n.getOutputCount() != 1) {
                problems.add(label + " has " + n.getOutputCount() + " outputs; expected 1");
            }
            for (String output : n.getOutputList()) {
                define(defined, output, label + " output");
            }
        }
        if (g.getOutputCount() != 1) {
            problems.add("graph has " + g.getOutputCount() + " outputs; expected one, '" + ActorGraphWriter.OUTPUT + "'");
        }
        for (OnnxMl.ValueInfoProto out : g.getOutputList()) {
            checkValue("output", out, ActorGraphWriter.OUTPUT, actionSize);
            if (!defined.contains(out.getName())) {
                problems.add("graph output '" + out.getName() + "' is not produced by any node");
            }
        }
    }

    private void define(Set<String> defined, String name, String what) {
        if (name.isEmpty()) {
            problems.add(what + " has an empty name");
        } else if (!defined.add(name)) {
            problems.add(what + " '" + name + "' reuses a name already defined");
        }
    }

    private void checkValue(String kind, OnnxMl.ValueInfoProto v, String expectedName, int width) {
        if (!v.getName().equals(expectedName)) {
            problems.add("graph " + kind + " is named '" + v.getName() + "'; expected '" + expectedName + "'");
        }
        OnnxMl.TypeProto.Tensor t = v.getType().getTensorType();
        if (!v.getType().hasTensorType() || t.getElemType() != OnnxMl.TensorProto.DataType.FLOAT.getNumber()) {
            problems.add("graph " + kind + " '" + v.getName() + "' is not a float32 tensor");
            return;
        }
        List<OnnxMl.TensorShapeProto.Dimension> dims = t.getShape().getDimList();
        if (dims.size() != 2 || dims.get(0).hasDimValue() || !dims.get(1).hasDimValue() || dims.get(1).getDimValue() != width) {
            problems.add("graph " + kind + " '" + v.getName() + "' has shape " + describe(dims)
                    + "; expected [batch, " + width + "] with a symbolic batch dimension");
        }
    }

    private static String describe(List<OnnxMl.TensorShapeProto.Dimension> dims) {
        List<String> parts = new ArrayList<>();
        for (OnnxMl.TensorShapeProto.Dimension d : dims) {
            parts.add(d.hasDimValue() ? Long.toString(d.getDimValue()) : d.getDimParam().isEmpty() ? "?" : d.getDimParam());
        }
        return parts.toString();
    }

    private void checkInitializer(OnnxMl.TensorProto t) {
        if (!Tensors.isFloat(t)) {
            problems.add("initializer '" + t.getName() + "' has data type " + t.getDataType() + "; expected float32 (1)");
            return;
        }
        for (long d : t.getDimsList()) {
            if (d < 1) {
                problems.add("initializer '" + t.getName() + "' has dimension " + d + "; expected positive dims");
                return;
            }
        }
        if (t.hasRawData() && t.getRawData().size() % 4 != 0) {
            problems.add("initializer '" + t.getName() + "' has " + t.getRawData().size() + " raw bytes; expected a multiple of 4");
        } else if (t.hasRawData() && t.getFloatDataCount() > 0) {
            problems.add("initializer '" + t.getName() + "' stores both raw_data and float_data; expected one");
        } else if (Tensors.storedFloats(t) != Tensors.elementCount(t)) {
            problems.add("initializer '" + t.getName() + "' stores " + Tensors.storedFloats(t) + " values but its dims "
                    + t.getDimsList() + " need " + Tensors.elementCount(t));
        }
    }
}
