/**
 * Running a policy one observation at a time: ONNX Runtime tuned for latency
 * ({@link dev.sim2pi.models.bundle.inference.OnnxPolicyRunner}) and the allocation-free plain-Java
 * forward pass ({@link dev.sim2pi.models.bundle.inference.JavaPolicyRunner}).
 */
package dev.sim2pi.models.bundle.inference;
