package dev.sim2pi.trainer.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/** Writes the learning curves of a run as PNG files (headless). */
public final class LearningCurves {

    private LearningCurves() {
    }

    /** {@code learning_curve.png} (evaluation return vs env steps and vs wall time) and {@code losses.png}. */
    public static void write(List<EvalRecord> records, String title, double solvedThreshold, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        if (records.isEmpty()) {
            return;
        }
        int n = records.size();
        double[] steps = new double[n];
        double[] wall = new double[n];
        double[] mean = new double[n];
        double[] std = new double[n];
        double[] critic = new double[n];
        double[] alpha = new double[n];
        for (int i = 0; i < n; i++) {
            EvalRecord r = records.get(i);
            steps[i] = r.envSteps();
            wall[i] = r.wallSeconds();
            mean[i] = r.evalReturnMean();
            std[i] = r.evalReturnStd();
            critic[i] = Math.max(r.criticLoss(), 1e-9);
            alpha[i] = Math.max(r.alpha(), 1e-9);
        }
        XYChart curve = new XYChartBuilder().width(900).height(500).title(title + ": deterministic evaluation return")
                .xAxisTitle("env steps").yAxisTitle("return").build();
        curve.addSeries("mean ± std", steps, mean, std).setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
        curve.addSeries("solved threshold", new double[] {steps[0], steps[n - 1]},
                new double[] {solvedThreshold, solvedThreshold}).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        BitmapEncoder.saveBitmap(curve, dir.resolve("learning_curve.png").toString(), BitmapEncoder.BitmapFormat.PNG);

        XYChart byTime = new XYChartBuilder().width(900).height(500).title(title + ": evaluation return vs wall time")
                .xAxisTitle("seconds since start").yAxisTitle("return").build();
        byTime.addSeries("mean", wall, mean);
        byTime.addSeries("solved threshold", new double[] {wall[0], wall[n - 1]},
                new double[] {solvedThreshold, solvedThreshold});
        BitmapEncoder.saveBitmap(byTime, dir.resolve("learning_curve_time.png").toString(), BitmapEncoder.BitmapFormat.PNG);

        XYChart losses = new XYChartBuilder().width(900).height(500).title(title + ": critic loss and temperature")
                .xAxisTitle("env steps").yAxisTitle("value (log scale)").build();
        losses.getStyler().setYAxisLogarithmic(true);
        losses.addSeries("critic loss", steps, critic);
        losses.addSeries("alpha", steps, alpha);
        BitmapEncoder.saveBitmap(losses, dir.resolve("losses.png").toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
