/**
 * The actor as an ONNX graph: the operators it uses, the writer (built with Tribuo's ONNX
 * graph builder), the reader that recovers the weights, and structural checks.
 */
package dev.sim2pi.models.bundle.onnx;
