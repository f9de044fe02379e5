package dev.sim2pi.models.bundle.inference;

/** Where ONNX Runtime runs a policy. */
public enum Device {
    /** The default CPU execution provider. */
    CPU,
    /** The CUDA execution provider when the {@code onnxruntime_gpu} build and a GPU are present; CPU otherwise. */
    CUDA
}
