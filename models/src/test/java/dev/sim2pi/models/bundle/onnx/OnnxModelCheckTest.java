package dev.sim2pi.models.bundle.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import dev.sim2pi.models.bundle.Activation;
import dev.sim2pi.models.bundle.ActorNetwork;
import dev.sim2pi.models.bundle.TestActors;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The structural validator stands in for the official ONNX checker in the build (no Python
 * onnx package in CI): it passes what the exporter writes and names each kind of breakage.
 */
class OnnxModelCheckTest {

    private static final ActorNetwork ACTOR =
            TestActors.random(TestActors.task("balancer"), new int[] {16, 16}, Activation.RELU, 4, true);
    private static final OnnxMl.ModelProto MODEL = ActorGraphWriter.write(ACTOR, Map.of("sim2pi.task_id", "test-balancer"));

    private static List<String> problems(OnnxMl.ModelProto m) {
        return OnnxModelCheck.problems(m, 8, 2);
    }

    private static void assertProblem(OnnxMl.ModelProto m, String fragment) {
        List<String> p = problems(m);
        assertTrue(p.stream().anyMatch(s -> s.contains(fragment)), "expected a problem with '" + fragment + "', got " + p);
    }

    @Test
    void exportedActorPassesWithIrVersion8Opset13AndProvenance() {
        assertEquals(List.of(), problems(MODEL));
        assertEquals(8, MODEL.getIrVersion());
        assertEquals(13, MODEL.getOpsetImport(0).getVersion());
        assertEquals("", MODEL.getOpsetImport(0).getDomain());
        assertEquals("test-balancer", MODEL.getMetadataProps(0).getValue());
        assertEquals(List.of("Gemm", "Clip", "Gemm", "Relu", "Gemm", "Relu", "Gemm", "Tanh", "Gemm"),
                MODEL.getGraph().getNodeList().stream().map(OnnxMl.NodeProto::getOpType).toList());
    }

    @Test
    void readerRecoversTheWeightsTheWriterWrote() {
        ActorNetwork back = ActorGraphReader.read(MODEL);
        assertEquals(ACTOR.layerSizes(), back.layerSizes());
        assertEquals(ACTOR.normalizer().clip(), back.normalizer().clip());
        for (int k = 0; k < ACTOR.layers().size(); k++) {
            assertTrue(java.util.Arrays.equals(ACTOR.layers().get(k).weights(), back.layers().get(k).weights()));
        }
    }

    @Test
    void wrongOpsetIsNamed() {
        OnnxMl.ModelProto m = MODEL.toBuilder().setOpsetImport(0, OnnxMl.OperatorSetIdProto.newBuilder().setVersion(17)).build();
        assertProblem(m, "opset_import lacks the default domain at version 13");
    }

    @Test
    void duplicateNameIsNamed() {
        OnnxMl.GraphProto.Builder g = MODEL.getGraph().toBuilder();
        g.setNode(1, g.getNode(1).toBuilder().setOutput(0, g.getNode(0).getOutput(0)));
        assertProblem(MODEL.toBuilder().setGraph(g).build(), "reuses a name already defined");
    }

    @Test
    void initializerWhoseDataDisagreesWithItsDimsIsNamed() {
        OnnxMl.GraphProto.Builder g = MODEL.getGraph().toBuilder();
        g.setInitializer(0, g.getInitializer(0).toBuilder().clearDims().addDims(3));
        assertProblem(MODEL.toBuilder().setGraph(g).build(), "need 3");
    }

    @Test
    void nonFloatInitializerIsNamed() {
        OnnxMl.GraphProto.Builder g = MODEL.getGraph().toBuilder();
        g.setInitializer(0, g.getInitializer(0).toBuilder().setDataType(OnnxMl.TensorProto.DataType.DOUBLE.getNumber()));
        assertProblem(MODEL.toBuilder().setGraph(g).build(), "expected float32");
    }

    @Test
    void fixedBatchDimensionAndWrongWidthAreNamed() {
        List<String> p = OnnxModelCheck.problems(MODEL, 9, 2);
        assertTrue(p.stream().anyMatch(s -> s.contains("expected [batch, 9]")), p.toString());
    }

    @Test
    void unknownOperatorIsNamed() {
        OnnxMl.GraphProto.Builder g = MODEL.getGraph().toBuilder();
        g.setNode(4, g.getNode(4).toBuilder().setOpType("Sigmoid"));
        assertProblem(MODEL.toBuilder().setGraph(g).build(), "outside the actor's set");
    }

    @Test
    void outputNothingProducesIsNamed() {
        OnnxMl.GraphProto.Builder g = MODEL.getGraph().toBuilder();
        g.removeNode(g.getNodeCount() - 1);
        assertProblem(MODEL.toBuilder().setGraph(g).build(), "is not produced by any node");
    }
}
