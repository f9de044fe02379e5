package dev.sim2pi.sim.gym;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A numeric CSV from {@code src/test/resources/gymnasium}, by column name. */
final class ReferenceCsv {

    private final List<String> header;
    private final List<String[]> rows = new ArrayList<>();

    ReferenceCsv(String resource) {
        try (InputStream in = ReferenceCsv.class.getResourceAsStream("/gymnasium/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            header = Arrays.asList(reader.readLine().split(","));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    rows.add(line.split(",", -1));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    int size() {
        return rows.size();
    }

    double get(int row, String column) {
        int c = header.indexOf(column);
        if (c < 0) {
            throw new IllegalArgumentException("no column " + column + " in " + header);
        }
        return Double.parseDouble(rows.get(row)[c]);
    }

    int integer(int row, String column) {
        return (int) get(row, column);
    }

    String text(int row, String column) {
        return rows.get(row)[header.indexOf(column)];
    }
}
