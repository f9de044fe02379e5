package dev.sim2pi.models.bundle;

import dev.sim2pi.models.task.Layout;
import java.util.List;
import java.util.Objects;

/**
 * The contents of {@code policy.json}: what the policy expects and produces, how it was made,
 * and how to check the ONNX file.
 *
 * @param schemaVersion         manifest schema version
 * @param taskId                robot task id
 * @param taskVersion           robot task version
 * @param observation           observation layout the policy reads
 * @param action                action layout the policy writes
 * @param controlRateHz         control rate it was trained at
 * @param actionLatencySeconds  action latency it was trained with, in seconds
 * @param layerSizes            network widths from observation to action
 * @param hiddenActivation      hidden activation
 * @param provenance            how it was made (including seed, randomization and latency in steps)
 * @param onnxSha256            lower-case hex SHA-256 of {@code policy.onnx}
 * @param golden                golden observation/command pairs
 * @param signerKey             Base64 X.509 encoding of the Ed25519 key that signed it, or null if unsigned
 * @param version               release number, at least 1 and rising with each bundle deployed to a robot: a
 *                              controller refuses one older than it runs (anti-rollback); 1 when the file has none
 * @param parent                {@code onnx.sha256} of the bundle this one was fine-tuned from, or null
 */
public record PolicyManifest(int schemaVersion, String taskId, int taskVersion, Layout observation, Layout action,
                             double controlRateHz, double actionLatencySeconds, List<Integer> layerSizes,
                             Activation hiddenActivation, Provenance provenance, String onnxSha256,
                             List<GoldenPair> golden, String signerKey, int version, String parent) {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;
    /** The release number of a bundle whose manifest states none. */
    public static final int FIRST_VERSION = 1;

    public PolicyManifest {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(onnxSha256, "onnxSha256");
        layerSizes = List.copyOf(layerSizes);
        golden = List.copyOf(golden);
        if (version < FIRST_VERSION) {
            throw new IllegalArgumentException("bundle version must be >= " + FIRST_VERSION + ", got " + version);
        }
        if (parent != null && !parent.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("parent must be 64 lower-case hex digits (an onnx.sha256), got '" + parent + "'");
        }
    }

    /** A first release (version 1, no parent). */
    public PolicyManifest(int schemaVersion, String taskId, int taskVersion, Layout observation, Layout action,
                          double controlRateHz, double actionLatencySeconds, List<Integer> layerSizes,
                          Activation hiddenActivation, Provenance provenance, String onnxSha256,
                          List<GoldenPair> golden, String signerKey) {
        this(schemaVersion, taskId, taskVersion, observation, action, controlRateHz, actionLatencySeconds, layerSizes,
                hiddenActivation, provenance, onnxSha256, golden, signerKey, FIRST_VERSION, null);
    }

    public boolean signed() {
        return signerKey != null;
    }
}
