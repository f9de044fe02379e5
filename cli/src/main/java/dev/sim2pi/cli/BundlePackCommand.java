package dev.sim2pi.cli;

import dev.sim2pi.models.InputException;
import dev.sim2pi.models.bundle.BundleArchive;
import dev.sim2pi.models.bundle.BundleLoader;
import dev.sim2pi.models.bundle.PolicyBundle;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Packs a bundle folder into the single-file archive form. */
@Command(name = "pack", description = "Pack a bundle folder into one .s2p file for transfer (the folder is checked first).")
final class BundlePackCommand implements Runnable {

    @Parameters(index = "0", paramLabel = "BUNDLE_DIR", description = "Bundle folder.")
    Path bundle;

    @Parameters(index = "1", paramLabel = "OUT.s2p", description = "Archive to write.")
    Path archive;

    @Override
    public void run() {
        if (!archive.getFileName().toString().endsWith(PolicyBundle.ARCHIVE_EXTENSION)) {
            throw new InputException(archive + ": expected a file name ending in " + PolicyBundle.ARCHIVE_EXTENSION);
        }
        // Signatures are carried as they are (checked, not judged); unsigned folders are packed too.
        BundleLoader.create().allowingUnsigned().acceptingAnySigner().load(bundle);
        try {
            BundleArchive.pack(bundle, archive);
        } catch (IOException e) {
            throw new InputException("cannot write " + archive + ": " + e.getMessage(), e);
        }
        System.out.println("packed " + bundle + " into " + archive);
    }
}
