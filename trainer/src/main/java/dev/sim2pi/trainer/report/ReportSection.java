package dev.sim2pi.trainer.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/** One section of an {@link HtmlReport}: text, key figures, tables and plots, in the order added. */
public final class ReportSection {

    /** How a note reads: good news, a caveat, or a failure. */
    public enum Tone { OK, WARN, BAD }

    private final String id;
    private final String heading;
    private final StringBuilder body = new StringBuilder();
    private boolean inFigures;

    ReportSection(String id, String heading) {
        this.id = id;
        this.heading = heading;
    }

    public ReportSection text(String text) {
        closeFigures();
        body.append("<p>").append(Html.escape(text)).append("</p>\n");
        return this;
    }

    public ReportSection note(Tone tone, String text) {
        closeFigures();
        body.append("<p class=\"note ").append(tone.name().toLowerCase(java.util.Locale.ROOT)).append("\">")
                .append(Html.escape(text)).append("</p>\n");
        return this;
    }

    /**
     * One key figure: a row of the section's figure table; its value cell carries
     * {@code data-key="key"} (the key a run's files use for it).
     */
    public ReportSection figure(String key, String label, Object value) {
        if (!inFigures) {
            body.append("<div class=\"scroll\"><table class=\"figures\"><tbody>\n");
            inFigures = true;
        }
        body.append("<tr><th>").append(Html.escape(label)).append("</th><td data-key=\"").append(Html.escape(key))
                .append("\">").append(Html.escape(Html.cell(value))).append("</td></tr>\n");
        return this;
    }

    /** A table whose element carries {@code data-table="name"}; cells as {@link Html#cell} shows them. */
    public ReportSection table(String name, List<String> header, List<? extends List<?>> rows) {
        return table(name, header, rows, false);
    }

    /** As {@link #table}, folded away behind a summary line when {@code folded} (long tables). */
    public ReportSection table(String name, List<String> header, List<? extends List<?>> rows, boolean folded) {
        closeFigures();
        if (folded) {
            body.append("<details><summary>").append(rows.size()).append(" rows</summary>\n");
        }
        body.append("<div class=\"scroll\"><table data-table=\"").append(Html.escape(name)).append("\"><thead><tr>");
        for (String h : header) {
            body.append("<th>").append(Html.escape(h)).append("</th>");
        }
        body.append("</tr></thead><tbody>\n");
        for (List<?> row : rows) {
            body.append("<tr>");
            for (Object cell : row) {
                body.append("<td>").append(Html.escape(Html.cell(cell))).append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</tbody></table></div>\n");
        if (folded) {
            body.append("</details>\n");
        }
        return this;
    }

    /** A PNG the run wrote, embedded as a {@code data:} URI; says so when the file is missing. */
    public ReportSection png(Path file, String alt) {
        closeFigures();
        if (!Files.isRegularFile(file)) {
            return note(Tone.WARN, "plot " + file.getFileName() + " was not written");
        }
        try {
            String data = Base64.getEncoder().encodeToString(Files.readAllBytes(file));
            body.append("<img alt=\"").append(Html.escape(alt)).append("\" data-file=\"")
                    .append(Html.escape(file.getFileName().toString())).append("\" src=\"data:image/png;base64,")
                    .append(data).append("\">\n");
        } catch (IOException e) {
            note(Tone.WARN, "plot " + file.getFileName() + " could not be read: " + e.getMessage());
        }
        return this;
    }

    /** Inline SVG markup made by this package ({@link SvgPlots}). */
    ReportSection svg(String markup) {
        closeFigures();
        body.append(markup).append('\n');
        return this;
    }

    private void closeFigures() {
        if (inFigures) {
            body.append("</tbody></table></div>\n");
            inFigures = false;
        }
    }

    void render(StringBuilder sb) {
        closeFigures();
        sb.append("<section id=\"").append(Html.escape(id)).append("\">\n<h2>").append(Html.escape(heading))
                .append("</h2>\n").append(body).append("</section>\n");
    }
}
