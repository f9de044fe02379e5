package dev.sim2pi.trainer.report;

import java.util.List;
import java.util.Locale;

/** Small plots drawn as inline SVG (they scale to the screen and need no image file). */
final class SvgPlots {

    /** A histogram bar: the count of values up to {@code upper} (and above the previous bar's upper). */
    record Bar(double upper, long count) {
    }

    private SvgPlots() {
    }

    /**
     * Bars side by side, equal widths, with the upper edges under them (a few labelled) and the
     * count axis on the left; {@code name} goes to {@code data-plot} for tests.
     */
    static String histogram(String name, String xLabel, List<Bar> bars) {
        int w = 640;
        int h = 240;
        int left = 56;
        int bottom = 44;
        int top = 12;
        long max = 1;
        for (Bar b : bars) {
            max = Math.max(max, b.count());
        }
        double plotW = w - left - 8.0;
        double plotH = h - top - bottom;
        double barW = bars.isEmpty() ? plotW : plotW / bars.size();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg data-plot=\"%s\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                + "role=\"img\" aria-label=\"%s\" font-size=\"11\" fill=\"currentColor\">", Html.escape(name), w, h, w, h,
                Html.escape(xLabel)));
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"currentColor\"/>",
                left, h - bottom, w - 8, h - bottom));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d</text>", left - 4, top + 8, max));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>", left - 4, h - bottom));
        sb.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%.1f\" transform=\"rotate(-90 12 %.1f)\" "
                + "text-anchor=\"middle\">count</text>", top + plotH / 2, top + plotH / 2));
        int labelEvery = Math.max(1, bars.size() / 6);
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double bh = plotH * b.count() / max;
            double x = left + i * barW;
            sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                    + "fill=\"#3b82c4\" data-upper=\"%s\" data-count=\"%d\"><title>up to %s: %d</title></rect>",
                    x + 1, h - bottom - bh, Math.max(1, barW - 2), bh, Html.number(b.upper()), b.count(),
                    Html.number(b.upper()), b.count()));
            if (i % labelEvery == 0) {
                sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                        x + barW, h - bottom + 14, Html.number(b.upper())));
            }
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                left + plotW / 2, h - 6, Html.escape(xLabel)));
        sb.append("</svg>");
        return sb.toString();
    }
}
