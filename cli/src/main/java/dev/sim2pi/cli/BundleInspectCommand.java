package dev.sim2pi.cli;

import dev.sim2pi.models.bundle.Ed25519Keys;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.bundle.PolicyManifest;
import dev.sim2pi.models.task.Channel;
import dev.sim2pi.models.task.Layout;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Verifies a bundle (unsigned allowed) and prints its manifest summary. */
@Command(name = "inspect", description = "Verify a bundle and summarize its manifest; without --trust any signer (or none) is accepted.")
final class BundleInspectCommand implements Runnable {

    @Parameters(paramLabel = "BUNDLE", description = "Bundle folder or .s2p archive.")
    Path bundle;

    @Option(names = "--trust", paramLabel = "KEY.pub", description = "Require a signature by this key (repeatable).")
    List<Path> trusted = List.of();

    @Override
    public void run() {
        TrustOptions trust = new TrustOptions();
        trust.trusted = trusted;
        var loader = trust.loader();
        if (trusted.isEmpty()) {
            loader = loader.allowingUnsigned().acceptingAnySigner();
        }
        PolicyBundle b = loader.load(bundle);
        PolicyManifest m = b.manifest();
        System.out.printf("bundle %s (schema v%d)%n", bundle, m.schemaVersion());
        System.out.printf("task %s v%d, %.1f Hz, trained with %d step(s) = %.4f s action latency%n", m.taskId(),
                m.taskVersion(), m.controlRateHz(), m.provenance().actionLatencySteps(), m.actionLatencySeconds());
        System.out.printf("network %s, hidden %s%n", m.layerSizes(), m.hiddenActivation().id());
        print("observation", m.observation());
        print("action", m.action());
        System.out.printf("provenance: commit %s, %d env steps, evaluation returns %s, seed %d%n",
                m.provenance().gitCommit(), m.provenance().envSteps(), m.provenance().evaluationReturns(), m.provenance().seed());
        System.out.println("trainer config: " + m.provenance().trainerConfig());
        System.out.println("randomization: " + m.provenance().randomization());
        System.out.println("policy.onnx sha256 " + m.onnxSha256() + " (" + b.onnx().length + " bytes)");
        System.out.println(m.signed()
                ? "signed by key " + Ed25519Keys.fingerprint(Ed25519Keys.publicKey(m.signerKey(), "manifest"))
                        + (trusted.isEmpty() ? " (signature valid; pass --trust to require this key)" : " (trusted)")
                : "unsigned");
        System.out.println("verified: hash, ONNX structure, finite weights, " + m.golden().size()
                + " golden pairs reproduced by ONNX Runtime on this machine");
    }

    private static void print(String title, Layout layout) {
        System.out.println(title + ":");
        for (Channel c : layout.channels()) {
            System.out.printf("  %-24s %-8s [%s, %s]%n", c.name(), c.unit(), c.low(), c.high());
        }
    }
}
