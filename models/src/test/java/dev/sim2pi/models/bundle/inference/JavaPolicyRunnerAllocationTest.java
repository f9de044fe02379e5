package dev.sim2pi.models.bundle.inference;

import dev.sim2pi.models.bundle.Activation;
import dev.sim2pi.models.bundle.ActorNetwork;
import dev.sim2pi.models.bundle.TestActors;
import dev.sim2pi.models.testing.Allocations;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("allocation")
class JavaPolicyRunnerAllocationTest {

    @Test
    void forwardPassAllocatesNothingAfterWarmUp() {
        ActorNetwork actor = TestActors.random(TestActors.task("balancer"), new int[] {64, 64}, Activation.TANH, 1, true);
        JavaPolicyRunner runner = new JavaPolicyRunner(actor);
        float[] obs = new float[actor.observationSize()];
        float[] action = new float[actor.actionSize()];
        for (int i = 0; i < 20_000; i++) {
            obs[i % obs.length] = i * 1e-3f;
            runner.act(obs, 0, action, 0);
        }
        Allocations.assertSomeWindowAllocatesNothing("10,000 forward passes", () -> {
            for (int i = 0; i < 10_000; i++) {
                obs[i % obs.length] = i * 1e-3f;
                runner.act(obs, 0, action, 0);
            }
        }, 10);
    }
}
