package dev.sim2pi.controller.cli;

/** Which runner executes the policy. */
enum PolicyRuntime {
    /** ONNX Runtime (the default). */
    ONNX,
    /** The verified plain-Java forward pass over the same weights. */
    JAVA
}
