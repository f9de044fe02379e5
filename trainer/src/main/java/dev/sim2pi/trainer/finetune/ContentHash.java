package dev.sim2pi.trainer.finetune;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * SHA-256 content hashes for provenance: of a file's bytes, or of a folder as the sorted list of
 * its files' relative paths and bytes (so the same recordings hash the same wherever they lie).
 */
public final class ContentHash {

    private ContentHash() {
    }

    /** The hash of a file, or of every regular file under a folder. */
    public static String of(Path path) {
        MessageDigest md = sha256();
        try {
            if (Files.isDirectory(path)) {
                List<Path> files;
                try (Stream<Path> s = Files.walk(path)) {
                    files = s.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : files) {
                    md.update(path.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                    md.update(Files.readAllBytes(f));
                    md.update((byte) 0);
                }
            } else {
                md.update(Files.readAllBytes(path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("hashing " + path, e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
