package dev.sim2pi.models.bundle.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sim2pi.models.bundle.Activation;
import dev.sim2pi.models.bundle.PolicyExporter;
import dev.sim2pi.models.bundle.Provenance;
import dev.sim2pi.models.bundle.TestActors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the official ONNX checker (Python {@code onnx}, full check with shape inference) on
 * exported bundles where a Python with {@code onnx} is found: {@code $SIM2PI_ONNX_PYTHON}, else
 * {@code python3}. Skipped otherwise; the structural checks in {@link OnnxModelCheckTest} always run.
 */
class OfficialOnnxCheckerTest {

    @TempDir
    Path tmp;

    private static String python() {
        String p = System.getenv("SIM2PI_ONNX_PYTHON");
        return p == null || p.isBlank() ? "python3" : p;
    }

    private static int exec(StringBuilder output, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        output.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        return p.exitValue();
    }

    @Test
    void exportedBundlesPassTheOfficialCheckerWhereItIsInstalled() throws Exception {
        int probe;
        try {
            probe = exec(new StringBuilder(), python(), "-c", "import onnx");
        } catch (IOException e) {
            probe = -1;
        }
        Assumptions.assumeTrue(probe == 0, "no Python with the onnx package (set SIM2PI_ONNX_PYTHON)");
        for (String task : new String[] {"pendulum", "balancer"}) {
            for (Activation a : Activation.values()) {
                Path dir = tmp.resolve(task + "-" + a.id());
                PolicyExporter.export(TestActors.task(task), TestActors.random(TestActors.task(task), new int[] {16, 16}, a, 2, a == Activation.TANH),
                        Provenance.untrained(1), dir, null);
                StringBuilder out = new StringBuilder();
                int exit = exec(out, python(), "-c", "import onnx, sys; m = onnx.load(sys.argv[1]); "
                        + "onnx.checker.check_model(m, full_check=True); assert m.ir_version == 8; "
                        + "assert [(o.domain, o.version) for o in m.opset_import] == [('', 13)]",
                        dir.resolve("policy.onnx").toString());
                assertEquals(0, exit, "official ONNX checker on " + dir + ": " + out);
            }
        }
    }
}
