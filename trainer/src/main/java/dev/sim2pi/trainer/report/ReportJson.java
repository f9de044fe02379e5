package dev.sim2pi.trainer.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run records a report is fed with, as JSON files: flat key figures ({@code {"key": value}},
 * in order) and tables ({@code {"columns": [...], "rows": [[...]]}}), written by the stage that
 * produced them and read back by {@link RunReport}. Keys are snake_case, non-finite numbers null.
 */
public final class ReportJson {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ReportJson() {
    }

    /** Writes key figures; doubles that are NaN or infinite become null. */
    public static void writeFigures(Path file, Map<String, ?> figures) {
        ObjectNode n = JSON.createObjectNode();
        figures.forEach((k, v) -> n.set(k, JSON.valueToTree(finite(v))));
        write(file, n);
    }

    /** Writes a table: one list of cells per row, in {@code columns} order. */
    public static void writeTable(Path file, List<String> columns, List<? extends List<?>> rows) {
        ObjectNode n = JSON.createObjectNode();
        n.set("columns", JSON.valueToTree(columns));
        List<List<Object>> clean = new ArrayList<>();
        for (List<?> row : rows) {
            List<Object> r = new ArrayList<>();
            for (Object cell : row) {
                r.add(finite(cell));
            }
            clean.add(r);
        }
        n.set("rows", JSON.valueToTree(clean));
        write(file, n);
    }

    /** Any object Jackson maps (records included, snake_case). */
    public static void writeObject(Path file, Object value) {
        write(file, JSON.valueToTree(value));
    }

    public static <T> T readObject(Path file, Class<T> type) {
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Key figures in file order: numbers as Double (or Long when whole), text as String, null as null. */
    static Map<String, Object> readFigures(Path file) {
        Map<String, Object> m = new LinkedHashMap<>();
        read(file).properties().forEach(e -> m.put(e.getKey(), scalar(e.getValue())));
        return m;
    }

    static Object scalar(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    private static Object finite(Object v) {
        if (v instanceof Double d && !Double.isFinite(d)) {
            return null;
        }
        if (v instanceof Float f && !Float.isFinite(f)) {
            return null;
        }
        return v;
    }

    private static void write(Path file, JsonNode n) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), n);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
