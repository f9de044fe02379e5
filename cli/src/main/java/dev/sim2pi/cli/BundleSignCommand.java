package dev.sim2pi.cli;

import dev.sim2pi.models.InputException;
import dev.sim2pi.models.bundle.BundleSigner;
import dev.sim2pi.models.bundle.Ed25519Keys;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Signs a bundle folder's manifest. */
@Command(name = "sign", description = "Sign (or re-sign) a bundle folder with PREFIX.key / PREFIX.pub from 'bundle keygen'.")
final class BundleSignCommand implements Runnable {

    @Parameters(paramLabel = "BUNDLE_DIR", description = "Bundle folder.")
    Path bundle;

    @Option(names = "--key", required = true, paramLabel = "PREFIX", description = "Key pair prefix (PREFIX.key and PREFIX.pub).")
    Path prefix;

    @Override
    public void run() {
        var priv = Ed25519Keys.readPrivate(Path.of(prefix + ".key"));
        var pub = Ed25519Keys.readPublic(Path.of(prefix + ".pub"));
        try {
            BundleSigner.sign(bundle, priv, pub);
        } catch (IOException e) {
            throw new InputException("cannot sign " + bundle + ": " + e.getMessage(), e);
        }
        System.out.println("signed " + bundle + " with key " + Ed25519Keys.fingerprint(pub));
    }
}
