package dev.sim2pi.sim.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sim2pi.models.InputException;
import dev.sim2pi.sim.Parameter;
import dev.sim2pi.sim.ParameterSpace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Reads a task's randomization config: a JSON file whose {@code parameters} object maps each
 * parameter name to {@code {"unit", "nominal", "low", "high", "distribution"}} (distribution one of
 * {@code uniform}, {@code log_uniform}, {@code integer}, {@code fixed}; {@code fixed} needs only
 * the nominal). Other keys ({@code about}, {@code task}) are free text for readers. The result
 * follows the plant's {@link ParameterSchema} order; anything missing, unknown, of the wrong unit
 * or out of range is an {@link InputException} naming the file and the field.
 */
public final class RandomizationConfig {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RandomizationConfig() {
    }

    /** Loads a config shipped as a class-path resource (for example {@code randomization/balancer.json}). */
    public static ParameterSpace loadResource(String resource, ParameterSchema schema) {
        try (InputStream in = RandomizationConfig.class.getResourceAsStream("/dev/sim2pi/sim/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource dev/sim2pi/sim/" + resource);
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8), schema);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + resource, e);
        }
    }

    /** Loads a user's config file. */
    public static ParameterSpace load(Path file, ParameterSchema schema) {
        return parse(file.toString(), read(file), schema);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    static JsonNode tree(String source, String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InputException(source + ": not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Parses config text; {@code source} names it in error messages. */
    public static ParameterSpace parse(String source, String text, ParameterSchema schema) {
        JsonNode root = tree(source, text);
        JsonNode params = root == null ? null : root.get("parameters");
        if (params == null || !params.isObject()) {
            throw new InputException(source + ": expected a top-level object with a \"parameters\" object");
        }
        for (Iterator<String> it = params.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (schema.indexOf(name) < 0) {
                throw new InputException(source + ": unknown parameter \"" + name + "\"; expected only "
                        + schema.names());
            }
        }
        List<Parameter> out = new ArrayList<>(schema.size());
        for (int i = 0; i < schema.size(); i++) {
            String name = schema.name(i);
            JsonNode p = params.get(name);
            if (p == null) {
                throw new InputException(source + ": parameter \"" + name + "\" is missing (unit "
                        + schema.unit(i) + ")");
            }
            out.add(parameter(source, name, schema.unit(i), p));
        }
        return new ParameterSpace(out);
    }

    private static Parameter parameter(String source, String name, String unit, JsonNode p) {
        String where = source + ": parameters." + name;
        if (!p.isObject()) {
            throw new InputException(where + ": expected an object with unit, nominal, low, high, distribution");
        }
        String givenUnit = text(where, p, "unit");
        if (!givenUnit.equals(unit)) {
            throw new InputException(where + ".unit: expected \"" + unit + "\", got \"" + givenUnit + "\"");
        }
        String dist = text(where, p, "distribution").toLowerCase(Locale.ROOT);
        double nominal = number(where, p, "nominal");
        if (dist.equals("fixed")) {
            return new Parameter(name, unit, nominal, nominal, nominal, Parameter.Distribution.UNIFORM);
        }
        Parameter.Distribution d = switch (dist) {
            case "uniform" -> Parameter.Distribution.UNIFORM;
            case "log_uniform" -> Parameter.Distribution.LOG_UNIFORM;
            case "integer" -> Parameter.Distribution.INTEGER;
            default -> throw new InputException(where + ".distribution: expected uniform, log_uniform, integer or fixed, got \""
                    + dist + "\"");
        };
        double low = number(where, p, "low");
        double high = number(where, p, "high");
        if (!(low <= nominal && nominal <= high)) {
            throw new InputException(where + ": expected low <= nominal <= high, got " + low + " <= " + nominal
                    + " <= " + high);
        }
        if (d == Parameter.Distribution.LOG_UNIFORM && low <= 0) {
            throw new InputException(where + ".low: log_uniform needs low > 0, got " + low);
        }
        if (d == Parameter.Distribution.INTEGER && (low != Math.rint(low) || high != Math.rint(high)
                || nominal != Math.rint(nominal))) {
            throw new InputException(where + ": integer distribution needs whole numbers, got nominal " + nominal
                    + ", low " + low + ", high " + high);
        }
        return new Parameter(name, unit, nominal, low, high, d);
    }

    private static String text(String where, JsonNode p, String field) {
        JsonNode v = p.get(field);
        if (v == null || !v.isTextual()) {
            throw new InputException(where + "." + field + ": expected a string");
        }
        return v.asText();
    }

    static double number(String where, JsonNode p, String field) {
        JsonNode v = p.get(field);
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new InputException(where + "." + field + ": expected a finite number, got "
                    + (v == null ? "nothing" : v.toString()));
        }
        return v.asDouble();
    }
}
