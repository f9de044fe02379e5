package dev.sim2pi.cli;

import dev.sim2pi.models.bundle.BundleLoader;
import dev.sim2pi.models.bundle.Ed25519Keys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that say which bundle signatures to accept. */
final class TrustOptions {

    @Option(names = "--trust", paramLabel = "KEY.pub", description = "Trust signatures by this public key (repeatable).")
    List<Path> trusted = new ArrayList<>();

    @Option(names = "--allow-unsigned", description = "Accept a bundle without signature.")
    boolean allowUnsigned;

    BundleLoader loader() {
        BundleLoader loader = BundleLoader.create();
        for (Path key : trusted) {
            loader = loader.trusting(Ed25519Keys.readPublic(key));
        }
        return allowUnsigned ? loader.allowingUnsigned() : loader;
    }
}
