package dev.sim2pi.trainer.finetune;

import dev.sim2pi.models.bundle.PolicyBundle;

/** The release number of a parent bundle, from which its fine-tuned child's follows. */
final class ParentVersion {

    /** A bundle whose manifest states no release number is the first release. */
    static final int FIRST = 1;

    private ParentVersion() {
    }

    static int of(PolicyBundle parent) {
        // policy.json has no release number yet (the controller's anti-rollback work adds one):
        // every bundle read here is a first release.
        return FIRST;
    }
}
