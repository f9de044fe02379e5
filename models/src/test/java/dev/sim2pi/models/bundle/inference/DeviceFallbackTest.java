package dev.sim2pi.models.bundle.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import dev.sim2pi.models.bundle.Activation;
import dev.sim2pi.models.bundle.ActorNetwork;
import dev.sim2pi.models.bundle.TestActors;
import dev.sim2pi.models.bundle.onnx.ActorGraphWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class DeviceFallbackTest {

    @Test
    void cudaRequestWithoutCudaProviderSaysSoOnceAndRunsOnCpu() {
        Assumptions.assumeFalse(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA),
                "this build has the CUDA provider");
        ActorNetwork actor = TestActors.random(TestActors.task("pendulum"), new int[] {8}, Activation.RELU, 1, false);
        byte[] model = ActorGraphWriter.write(actor, Map.of()).toByteArray();
        ByteArrayOutputStream notices = new ByteArrayOutputStream();
        float[] onnx = new float[1];
        float[] java = new float[1];
        float[] obs = {0.5f, -0.5f, 2f};
        try (OnnxPolicyRunner runner = OnnxPolicyRunner.open(model, 3, 1, Device.CUDA,
                new PrintStream(notices, true, StandardCharsets.UTF_8))) {
            runner.act(obs, 0, onnx, 0);
        }
        new JavaPolicyRunner(actor).act(obs, 0, java, 0);
        assertEquals(OnnxSessions.CUDA_FALLBACK + System.lineSeparator(), notices.toString(StandardCharsets.UTF_8));
        assertEquals(java[0], onnx[0], 1e-5);
    }
}
