package dev.sim2pi.models.bundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The single-file form of a bundle for transfer: a zip ({@code .s2p}) holding exactly
 * {@code policy.json} and {@code policy.onnx}. Entries carry a fixed timestamp so the same
 * bundle always packs to the same bytes.
 */
public final class BundleArchive {

    /** Refuse entries larger than this: a policy is kilobytes to a few megabytes. */
    static final long MAX_ENTRY_BYTES = 256L << 20;
    private static final List<String> ENTRIES = List.of(PolicyBundle.MANIFEST_FILE, PolicyBundle.ONNX_FILE);
    private static final long FIXED_TIME_MILLIS = 315_532_800_000L; // 1980-01-01, the zip epoch

    private BundleArchive() {
    }

    /** Packs the bundle folder {@code dir} into {@code archive}. */
    public static void pack(Path dir, Path archive) throws IOException {
        Path parent = archive.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(archive)) {
            pack(dir, out);
        }
    }

    /** The archive bytes of the bundle folder {@code dir}, for sending it over the network. */
    public static byte[] pack(Path dir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pack(dir, out);
        return out.toByteArray();
    }

    private static void pack(Path dir, OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : ENTRIES) {
                ZipEntry e = new ZipEntry(name);
                e.setTime(FIXED_TIME_MILLIS);
                zip.putNextEntry(e);
                zip.write(Files.readAllBytes(dir.resolve(name)));
                zip.closeEntry();
            }
        }
    }

    /** Writes the two files of {@code archive} into folder {@code dir} (created if missing), e.g. to re-sign it. */
    public static void unpack(Path archive, Path dir) throws IOException {
        Map<String, byte[]> files = read(archive);
        Files.createDirectories(dir);
        for (String name : ENTRIES) {
            Files.write(dir.resolve(name), files.get(name));
        }
    }

    /** Reads both files of an archive; refusals name the archive and the entry. */
    static Map<String, byte[]> read(Path archive) {
        try (InputStream in = Files.newInputStream(archive)) {
            return read(archive.toString(), in);
        } catch (IOException e) {
            throw new BundleException(archive.toString(), "archive", "cannot be read (" + e.getMessage()
                    + "); expected a " + PolicyBundle.ARCHIVE_EXTENSION + " zip", e);
        }
    }

    /** Reads both files of an archive from {@code in}; refusals name {@code bundle} and the entry. */
    static Map<String, byte[]> read(String bundle, InputStream in) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (!ENTRIES.contains(e.getName())) {
                    throw new BundleException(bundle, "archive entry '" + e.getName() + "'",
                            "is unexpected; expected only " + ENTRIES);
                }
                if (files.containsKey(e.getName())) {
                    throw new BundleException(bundle, "archive entry '" + e.getName() + "'", "appears twice; expected once");
                }
                files.put(e.getName(), readLimited(zip, bundle, e.getName()));
            }
        } catch (IOException e) {
            throw new BundleException(bundle, "archive", "cannot be read (" + e.getMessage()
                    + "); expected a " + PolicyBundle.ARCHIVE_EXTENSION + " zip", e);
        }
        for (String name : ENTRIES) {
            if (!files.containsKey(name)) {
                throw new BundleException(bundle, "archive entry '" + name + "'", "is missing; expected " + ENTRIES);
            }
        }
        return files;
    }

    private static byte[] readLimited(InputStream in, String bundle, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > MAX_ENTRY_BYTES) {
                throw new BundleException(bundle, "archive entry '" + name + "'",
                        "is larger than " + MAX_ENTRY_BYTES + " bytes; expected a policy-sized file");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
