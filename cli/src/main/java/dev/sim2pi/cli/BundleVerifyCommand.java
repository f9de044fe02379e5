package dev.sim2pi.cli;

import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.task.Tasks;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Loads a bundle with every check and says whether it passed. */
@Command(name = "verify", description = "Check a bundle: signature, hash, ONNX structure, finite weights, task layouts, golden outputs on this machine.")
final class BundleVerifyCommand implements Runnable {

    @Parameters(paramLabel = "BUNDLE", description = "Bundle folder or .s2p archive.")
    Path bundle;

    @Mixin
    TrustOptions trust;

    @Option(names = "--task", paramLabel = "ID", description = "Also require this shipped task's id, version and layouts.")
    String task;

    @Override
    public void run() {
        var loader = trust.loader();
        if (task != null) {
            loader = loader.expecting(Tasks.byId(task));
        }
        PolicyBundle b = loader.load(bundle);
        System.out.println("OK " + bundle + ": " + b.manifest().taskId() + " v" + b.manifest().taskVersion() + ", "
                + (b.manifest().signed() ? "signed" : "unsigned") + ", " + b.manifest().golden().size()
                + " golden pairs reproduced");
    }
}
