package dev.sim2pi.controller.rollout;

import dev.sim2pi.controller.loop.PreparedPolicy;
import dev.sim2pi.models.bundle.PolicyBundle;
import dev.sim2pi.models.bundle.PolicyManifest;

/**
 * One bundle as the release history sees it.
 *
 * @param policyId what frames call it ({@link PreparedPolicy#id()})
 * @param sha256   its {@code onnx.sha256}, the model's identity (empty for a runner built without a bundle)
 * @param version  its release number ({@link PolicyManifest#version()})
 * @param parent   the {@code onnx.sha256} it was derived from, or null
 */
public record Release(String policyId, String sha256, int version, String parent) {

    /** The release of a bundle that is not (yet) prepared: {@code policyId} as {@link PreparedPolicy#open} names it. */
    public static Release of(PolicyBundle bundle) {
        PolicyManifest m = bundle.manifest();
        String hash = m.onnxSha256();
        return new Release(m.taskId() + "@" + hash.substring(0, Math.min(12, hash.length())), hash, m.version(),
                m.parent());
    }

    public static Release of(PreparedPolicy p) {
        return p.bundle() == null ? new Release(p.id(), "", PolicyManifest.FIRST_VERSION, null) : of(p.bundle());
    }

    /** {@code id vN (sha prefix)} for messages. */
    public String label() {
        return policyId + " v" + version;
    }
}
