package dev.sim2pi.sim.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sim2pi.models.InputException;
import dev.sim2pi.sim.Parameter;
import dev.sim2pi.sim.ParameterSpace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads a reality-twin parameter file: a flat JSON object of parameter name to value, with the
 * names and units of the task's randomization config plus the twin's own effects. Keys starting
 * with {@code _} are comments. Every parameter of the twin's schema must be given: the twin
 * never falls back to the trainer's nominal values. The result holds each value as a fixed
 * parameter, so whatever draws from it gets exactly the file's robot.
 */
public final class TwinParameters {

    private TwinParameters() {
    }

    /** Loads a twin file; {@code training} supplies which parameters are whole step counts. */
    public static ParameterSpace load(Path file, ParameterSchema schema, ParameterSpace training) {
        return parse(file.toString(), RandomizationConfig.read(file), schema, training);
    }

    /** Loads a twin file shipped as a class-path resource (for example {@code twin/balancer-twin.json}). */
    public static ParameterSpace loadResource(String resource, ParameterSchema schema, ParameterSpace training) {
        try (InputStream in = TwinParameters.class.getResourceAsStream("/dev/sim2pi/sim/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource dev/sim2pi/sim/" + resource);
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8), schema, training);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + resource, e);
        }
    }

    public static ParameterSpace parse(String source, String text, ParameterSchema schema, ParameterSpace training) {
        JsonNode root = RandomizationConfig.tree(source, text);
        if (root == null || !root.isObject()) {
            throw new InputException(source + ": expected a JSON object of parameter name to value");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.startsWith("_") && schema.indexOf(name) < 0) {
                throw new InputException(source + ": unknown parameter \"" + name + "\"; expected only " + schema.names());
            }
        }
        List<String> trainingNames = training.names();
        List<Parameter> out = new ArrayList<>(schema.size());
        for (int i = 0; i < schema.size(); i++) {
            String name = schema.name(i);
            if (root.get(name) == null) {
                throw new InputException(source + ": parameter \"" + name + "\" is missing (unit " + schema.unit(i) + ")");
            }
            double v = RandomizationConfig.number(source, root, name);
            int t = trainingNames.indexOf(name);
            boolean steps = t >= 0 && training.parameters().get(t).distribution() == Parameter.Distribution.INTEGER;
            if (steps && (v != Math.rint(v) || v < 0)) {
                throw new InputException(source + "." + name + ": expected a whole number of steps >= 0, got " + v);
            }
            out.add(new Parameter(name, schema.unit(i), v, v, v,
                    steps ? Parameter.Distribution.INTEGER : Parameter.Distribution.UNIFORM));
        }
        return new ParameterSpace(out);
    }
}
