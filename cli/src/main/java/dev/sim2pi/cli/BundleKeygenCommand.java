package dev.sim2pi.cli;

import dev.sim2pi.models.InputException;
import dev.sim2pi.models.bundle.Ed25519Keys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Creates an Ed25519 key pair for signing bundles. */
@Command(name = "keygen", description = "Create an Ed25519 key pair: PREFIX.key (private, keep it secret) and PREFIX.pub (give to robots).")
final class BundleKeygenCommand implements Runnable {

    @Parameters(paramLabel = "PREFIX", description = "Path prefix of the two key files.")
    Path prefix;

    @Override
    public void run() {
        Path priv = Path.of(prefix + ".key");
        Path pub = Path.of(prefix + ".pub");
        if (Files.exists(priv) || Files.exists(pub)) {
            throw new InputException(priv + " or " + pub + " exists: expected new file names (keys are never overwritten)");
        }
        KeyPair keys = Ed25519Keys.generate();
        try {
            // 'bundle keygen keys/robot' on a fresh clone: the folder does not exist yet.
            Path folder = priv.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            Files.writeString(priv, Ed25519Keys.encode(keys.getPrivate()) + "\n");
            try {
                Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the file keeps the default permissions.
            }
            Files.writeString(pub, Ed25519Keys.encode(keys.getPublic()) + "\n");
        } catch (IOException e) {
            throw new InputException("cannot write key files at " + prefix + ": " + e.getMessage(), e);
        }
        System.out.println("wrote " + priv + " and " + pub + " (key " + Ed25519Keys.fingerprint(keys.getPublic()) + ")");
    }
}
