package dev.sim2pi.models.bundle.inference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import dev.sim2pi.models.bundle.Activation;
import dev.sim2pi.models.bundle.ActorNetwork;
import dev.sim2pi.models.bundle.TestActors;
import dev.sim2pi.models.bundle.onnx.ActorGraphWriter;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The reused input buffer and pinned output leave only the binding's own per-call garbage. */
@Tag("allocation")
class OnnxPolicyRunnerAllocationTest {

    @Test
    void callAllocatesOnlyTheBindingsFewHundredBytes() {
        ActorNetwork actor = TestActors.random(TestActors.task("balancer"), new int[] {64, 64}, Activation.RELU, 1, false);
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (OnnxPolicyRunner runner = OnnxPolicyRunner.open(ActorGraphWriter.write(actor, Map.of()).toByteArray(), 8, 2)) {
            float[] obs = new float[8];
            float[] action = new float[2];
            for (int i = 0; i < 5_000; i++) {
                runner.act(obs, 0, action, 0);
            }
            int calls = 5_000;
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < calls; i++) {
                obs[i & 7] = i * 1e-3f;
                runner.act(obs, 0, action, 0);
            }
            double perCall = (double) (mx.getCurrentThreadAllocatedBytes() - before) / calls;
            // ONNX Runtime 1.29's binding allocates ~376 B per run (name and handle arrays, the Result).
            assertTrue(perCall < 1024, "bytes per call " + perCall);
        }
    }
}
