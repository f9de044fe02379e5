package dev.sim2pi.models.bundle.onnx;

import ai.onnx.proto.OnnxMl;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** Reads float32 initializers, whichever of the two encodings ONNX allows they use. */
public final class Tensors {

    private Tensors() {
    }

    public static boolean isFloat(OnnxMl.TensorProto t) {
        return t.getDataType() == OnnxMl.TensorProto.DataType.FLOAT.getNumber();
    }

    /** Number of elements the dims promise (1 for a scalar). */
    public static long elementCount(OnnxMl.TensorProto t) {
        long n = 1;
        for (long d : t.getDimsList()) {
            n *= d;
        }
        return n;
    }

    /** Number of float values the tensor actually stores. */
    public static long storedFloats(OnnxMl.TensorProto t) {
        return t.hasRawData() ? t.getRawData().size() / 4L : t.getFloatDataCount();
    }

    /** The values of a float32 tensor, row-major. */
    public static float[] floats(OnnxMl.TensorProto t) {
        if (t.hasRawData()) {
            FloatBuffer fb = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            float[] out = new float[fb.remaining()];
            fb.get(out);
            return out;
        }
        float[] out = new float[t.getFloatDataCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getFloatData(i);
        }
        return out;
    }
}
