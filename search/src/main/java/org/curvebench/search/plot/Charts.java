package org.curvebench.search.plot;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.curvebench.core.AtomicFile;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws CurveBench's figures with XChart and writes them as PNG files atomically. */
public final class Charts {

    /** Line colours, one per optimizer or run in turn. */
    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
            new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
            new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207), new Color(0, 0, 128),
            new Color(0, 0, 0), new Color(128, 128, 0), new Color(0, 128, 128)};

    private Charts() {
    }

    static Color colour(int i) {
        return PALETTE[i % PALETTE.length];
    }

    static XYChart chart(int width, int height, String title, String x, String y) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        return chart;
    }

    /** Regret against simulated seconds (log axis), a line per optimizer with a band of one standard error. */
    public static XYChart regret(List<RegretCurves.Curve> curves, int width, int height) {
        XYChart chart = chart(width, height, "Regret of the incumbent", "simulated seconds", "regret");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        for (int i = 0; i < curves.size(); i++) {
            RegretCurves.Curve c = curves.get(i);
            if (c.seconds().length == 0) {
                continue;
            }
            Color colour = colour(i);
            int n = c.seconds().length;
            double[] px = new double[2 * n];
            double[] py = new double[2 * n];
            for (int j = 0; j < n; j++) {
                px[j] = c.seconds()[j];
                py[j] = c.mean()[j] + c.standardError()[j];
                px[2 * n - 1 - j] = c.seconds()[j];
                py[2 * n - 1 - j] = c.mean()[j] - c.standardError()[j];
            }
            XYSeries band = chart.addSeries(c.label() + " band", px, py);
            band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            band.setMarker(SeriesMarkers.NONE);
            band.setFillColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 60));
            band.setLineColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 0));
            band.setShowInLegend(false);
            XYSeries line = chart.addSeries(c.label(), c.seconds(), c.mean());
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(colour);
        }
        return chart;
    }

    /**
     * One architecture's curves: the surrogate's mean (thick), noisy seeds (thin) and the data's runs (dashed), each
     * over epochs 1, 2, ....
     */
    public static XYChart curves(String title, String metric, double[] mean, List<double[]> seeds, List<double[]> runs,
                                 int width, int height) {
        XYChart chart = chart(width, height, title, "epoch", metric);
        for (int i = 0; i < runs.size(); i++) {
            XYSeries s = chart.addSeries("data run " + (i + 1), epochs(runs.get(i).length), runs.get(i));
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(Color.DARK_GRAY);
            s.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                    10f, new float[] {6f, 4f}, 0f));
        }
        for (int i = 0; i < seeds.size(); i++) {
            XYSeries s = chart.addSeries("seed " + i, epochs(seeds.get(i).length), seeds.get(i));
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(colour(i + 1));
            s.setLineWidth(1f);
        }
        XYSeries m = chart.addSeries("surrogate mean", epochs(mean.length), mean);
        m.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        m.setMarker(SeriesMarkers.NONE);
        m.setLineColor(colour(0));
        m.setLineWidth(3f);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        return chart;
    }

    private static double[] epochs(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    /** Writes a chart as a PNG file, whole or not at all. */
    public static void savePng(XYChart chart, Path path) throws IOException {
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFile.createParentFolders(path);
        AtomicFile.writeStream(path, out -> out.write(png));
    }
}
