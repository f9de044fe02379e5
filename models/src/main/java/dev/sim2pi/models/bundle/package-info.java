/**
 * Policy bundles, what travels from the trainer to the robot: {@link dev.sim2pi.models.bundle.PolicyExporter}
 * writes {@code policy.onnx} and {@code policy.json} from plain weight arrays,
 * {@link dev.sim2pi.models.bundle.BundleLoader} reads a folder or {@code .s2p} archive and refuses
 * anything that does not check out, {@link dev.sim2pi.models.bundle.PolicyBundle} opens runners.
 */
package dev.sim2pi.models.bundle;
