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
 */
public record PolicyManifest(int schemaVersion, String taskId, int taskVersion, Layout observation, Layout action,
                             double controlRateHz, double actionLatencySeconds, List<Integer> layerSizes,
                             Activation hiddenActivation, Provenance provenance, String onnxSha256,
                             List<GoldenPair> golden, String signerKey) {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    public PolicyManifest {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(onnxSha256, "onnxSha256");
        layerSizes = List.copyOf(layerSizes);
        golden = List.copyOf(golden);
    }

    public boolean signed() {
        return signerKey != null;
    }
}
