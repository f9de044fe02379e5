package dev.sim2pi.trainer.djl;

import java.nio.file.Path;

/**
 * Sets up DJL before its PyTorch engine loads: offline (nothing is downloaded: the native
 * library comes from the {@code pytorch-native-*} jar on the class path), its cache in a
 * project-owned folder, and explicit thread counts, because PyTorch's defaults oversubscribe a
 * small machine (a training step ran ~100x slower on 2 cores).
 */
public final class DjlRuntime {

    private static boolean configured;

    private DjlRuntime() {
    }

    /** Idempotent; the first call wins. Honors properties the user already set. */
    public static synchronized void configure() {
        if (configured) {
            return;
        }
        Path cache = cacheDir();
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("DJL_CACHE_DIR", cache.toString());
        setIfAbsent("ENGINE_CACHE_DIR", cache.toString());
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.default_engine", "PyTorch");
        configured = true;
    }

    /** {@code <sim2pi.home>/.sim2pi/djl-cache}, or under the working directory when not launched by ./sim2pi. */
    static Path cacheDir() {
        String home = System.getProperty("sim2pi.home");
        Path base = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
        return base.resolve(".sim2pi").resolve("djl-cache");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }
}
