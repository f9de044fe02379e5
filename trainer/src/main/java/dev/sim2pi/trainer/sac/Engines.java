package dev.sim2pi.trainer.sac;

import dev.sim2pi.models.InputException;
import dev.sim2pi.trainer.djl.DjlSacEngine;
import java.io.PrintStream;

/** Picks the engine a run trains with. */
public final class Engines {

    /** Widest hidden layer the plain-Java engine is chosen for under {@code auto}. */
    static final int JAVA_MAX_WIDTH = 256;

    private Engines() {
    }

    /**
     * The engine for {@code config} on {@code device} ({@code cpu} or {@code cuda}). {@code auto}
     * takes the plain-Java engine for small networks on the CPU and DJL otherwise. {@code cuda}
     * without a CUDA PyTorch build prints one line to {@code notices} and trains on the CPU.
     */
    public static SacEngine create(SacConfig config, String device, int obsSize, int actSize, int maxActRows,
                                   PrintStream notices) {
        if (!device.equals("cpu") && !device.equals("cuda")) {
            throw new InputException("--device must be cpu or cuda, got '" + device + "'");
        }
        boolean small = max(config.actorHidden()) <= JAVA_MAX_WIDTH && max(config.criticHidden()) <= JAVA_MAX_WIDTH;
        String engine = config.engine();
        boolean cuda = device.equals("cuda");
        if (engine.equals("auto")) {
            if (cuda && DjlSacEngine.gpuCount() == 0) {
                notices.println(DjlSacEngine.NO_GPU);
                cuda = false;
            }
            engine = !cuda && small ? "java" : "djl";
        }
        if (engine.equals("java")) {
            if (cuda) {
                notices.println("engine 'java' runs on the CPU; --device cuda ignored (set \"engine\": \"djl\" to use a GPU)");
            }
            return new JavaSacEngine(config, obsSize, actSize, maxActRows);
        }
        return DjlSacEngine.create(config, obsSize, actSize, maxActRows, cuda, notices);
    }

    private static int max(int[] widths) {
        int m = 0;
        for (int w : widths) {
            m = Math.max(m, w);
        }
        return m;
    }
}
