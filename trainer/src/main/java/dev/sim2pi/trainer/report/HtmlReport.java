package dev.sim2pi.trainer.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A self-contained HTML page: a title, a few lead lines and sections. Inline CSS only, no
 * script, nothing fetched; the layout is one column that narrows to a phone's width (tables
 * scroll sideways inside their own box, images scale down).
 */
public final class HtmlReport {

    private static final String CSS = """
            :root{color-scheme:light dark;--fg:#1b1f24;--bg:#fff;--mute:#5b6470;--line:#d8dde3;--ok:#17803d;--warn:#a35a00;--bad:#b42318}
            @media (prefers-color-scheme:dark){:root{--fg:#e6e8eb;--bg:#14171a;--mute:#9aa4ae;--line:#343a40}}
            *{box-sizing:border-box}
            body{margin:0;padding:1rem;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
            main{max-width:60rem;margin:0 auto}
            h1{font-size:1.5rem;margin:.2rem 0 .6rem}
            h2{font-size:1.15rem;margin:1.6rem 0 .5rem;padding-top:.6rem;border-top:1px solid var(--line)}
            p{margin:.4rem 0}
            .lead{color:var(--mute)}
            .scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.5rem 0}
            table{border-collapse:collapse;font-variant-numeric:tabular-nums}
            th,td{padding:.25rem .6rem;border-bottom:1px solid var(--line);text-align:right;white-space:nowrap}
            th:first-child,td:first-child{text-align:left}
            thead th{border-bottom:2px solid var(--line)}
            table.figures th{font-weight:normal;color:var(--mute)}
            img,svg{max-width:100%;height:auto;display:block;margin:.5rem 0}
            .note{padding:.4rem .7rem;border-left:4px solid var(--line);margin:.5rem 0}
            .ok{border-color:var(--ok)}.warn{border-color:var(--warn)}.bad{border-color:var(--bad)}
            details summary{cursor:pointer;color:var(--mute)}
            code{font-size:.92em;word-break:break-all}
            """;

    private final String title;
    private final List<String> lead = new ArrayList<>();
    private final List<ReportSection> sections = new ArrayList<>();

    public HtmlReport(String title) {
        this.title = title;
    }

    /** A line under the title. */
    public HtmlReport lead(String text) {
        lead.add(text);
        return this;
    }

    /** A new section, in the order added; {@code id} becomes the element's id (for links and tests). */
    public ReportSection section(String id, String heading) {
        ReportSection s = new ReportSection(id, heading);
        sections.add(s);
        return s;
    }

    public String render() {
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                // Nothing may be fetched: the page must read the same offline, from a mail attachment or a phone.
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        + "img-src data:; style-src 'unsafe-inline'\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n<style>").append(CSS)
                .append("</style></head>\n<body><main>\n<h1>").append(Html.escape(title)).append("</h1>\n");
        for (String l : lead) {
            sb.append("<p class=\"lead\">").append(Html.escape(l)).append("</p>\n");
        }
        for (ReportSection s : sections) {
            s.render(sb);
        }
        sb.append("</main></body></html>\n");
        return sb.toString();
    }

    /** Writes the page (through a temporary file, so a reader never sees half of it). */
    public void write(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".report", ".html");
            Files.writeString(tmp, render());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
