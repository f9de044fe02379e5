package dev.sim2pi.telemetry.record;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a dataset carries so it can be read without this code base: the wire format
 * ({@value #PROTO}) and a Python reader that needs only NumPy ({@value #PYTHON_READER}). Written
 * when a dataset is created, and left alone after, so a dataset keeps the schema it was written with.
 */
public final class DatasetSchema {

    public static final String PROTO = "sim2pi_telemetry.proto";
    public static final String PYTHON_READER = "sim2pi_dataset.py";

    private DatasetSchema() {
    }

    /** Copies the schema and reader into {@code dir} unless they are there already. */
    public static void store(Path dir) throws IOException {
        for (String name : List.of(PROTO, PYTHON_READER)) {
            Path target = dir.resolve(name);
            if (Files.exists(target)) {
                continue;
            }
            try (InputStream in = DatasetSchema.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException(name + " is missing from the telemetry jar (a build problem)");
                }
                Path tmp = dir.resolve(name + ".tmp");
                Files.write(tmp, in.readAllBytes());
                Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
