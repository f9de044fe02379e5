package dev.sim2pi.cli;

import java.nio.file.Path;

/**
 * The demo's fine-tuning stage: from the running bundle, the recorded dataset and the
 * sysid-centred randomization to a candidate bundle. This is the seam where the trainer's
 * {@code finetune} plugs in; until it is part of this build the stage reports itself missing and
 * the demo makes no candidate (it never stands in a copy of the old bundle for a new one).
 */
final class DemoFinetune {

    /** A candidate bundle folder, or null with the reason. */
    record Outcome(Path candidate, String detail) {
    }

    private DemoFinetune() {
    }

    /** Whether fine-tuning is part of this build. */
    static boolean available() {
        return false;
    }

    static Outcome run(Path bundle, Path data, Path randomization, Path outDir, long seed, double budgetSeconds) {
        return new Outcome(null, "fine-tuning (trainer finetune) is not part of this build yet: no candidate bundle");
    }
}
