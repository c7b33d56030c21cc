package org.curvebench.surrogate.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.curvebench.datasets.ArchitectureRuns;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.surrogate.CurveSurrogate;

/**
 * One self-contained HTML page about a surrogate's evaluation: the evaluation table, predicted against true mean
 * values at several epochs, R² and Kendall's tau per epoch, and the surrogate's noise spread against the data's,
 * as inline SVG (nothing to fetch, nothing beside the file).
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    /** The page for {@code surrogate} measured on {@code test}; {@code table} is the evaluation table as text. */
    public static String page(CurveSurrogate surrogate, CurveDataset test, String table) {
        String metric = surrogate.metric();
        int epochs = surrogate.epochs();
        int observed = surrogate.observedEpochs();
        List<ArchitectureRuns> archs = test.architectures();
        int n = archs.size();
        double[][] truth = new double[n][];
        double[][] predicted = new double[n][];
        for (int i = 0; i < n; i++) {
            truth[i] = archs.get(i).meanCurve(metric).toArray();
            predicted[i] = surrogate.meanCurve(archs.get(i).architecture(),
                    java.util.Arrays.copyOf(truth[i], observed)).toArray();
        }
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>CurveBench evaluation</title>")
                .append("<style>body{font-family:sans-serif;margin:2em}svg{margin:0.5em}</style></head><body>\n")
                .append("<h1>Surrogate evaluation</h1>\n<p>").append(Svg.escape(String.format(Locale.ROOT,
                        "space %s, metric %s, %d epochs, %d held-out architectures", surrogate.space().name(), metric,
                        epochs, n))).append("</p>\n<pre>").append(Svg.escape(table)).append("</pre>\n");

        html.append("<h2>Predicted against true mean values</h2>\n");
        for (int e : new int[] {Math.max(0, epochs / 10 - 1), epochs / 2 - 1, epochs - 1}) {
            if (e < 0) {
                continue;
            }
            double[] t = new double[n];
            double[] p = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = truth[i][e];
                p[i] = predicted[i][e];
            }
            html.append(Svg.scatter(t, p, 360, 340, String.format(Locale.ROOT, "epoch %d: R² %.3f, tau %.3f", e + 1,
                    Statistics.r2(t, p), Statistics.kendallTauB(t, p)), "true " + metric, "predicted " + metric));
        }

        double[] x = new double[epochs];
        double[] r2 = new double[epochs];
        double[] tau = new double[epochs];
        double[] t = new double[n];
        double[] p = new double[n];
        for (int e = 0; e < epochs; e++) {
            x[e] = e + 1;
            for (int i = 0; i < n; i++) {
                t[i] = truth[i][e];
                p[i] = predicted[i][e];
            }
            r2[e] = Statistics.r2(t, p);
            tau[e] = Statistics.kendallTauB(t, p);
        }
        html.append("\n<h2>Agreement per epoch</h2>\n").append(Svg.lines(x, List.of(r2, tau), List.of("R²", "Kendall tau"),
                720, 340, "R² and Kendall's tau of the mean curves per epoch", "epoch", "agreement"));

        double[] dataSpread = new double[epochs];
        double[] surrogateSpread = new double[epochs];
        int multi = 0;
        for (int i = 0; i < n; i++) {
            ArchitectureRuns a = archs.get(i);
            if (a.seeds() < 2) {
                continue;
            }
            multi++;
            double[][] runs = a.curves(metric);
            double[] sigma = surrogate.noiseSigma(a.architecture(), java.util.Arrays.copyOf(runs[0], observed)).toArray();
            for (int e = 0; e < epochs; e++) {
                double mean = 0;
                for (double[] r : runs) {
                    mean += r[e] / runs.length;
                }
                double ss = 0;
                for (double[] r : runs) {
                    ss += (r[e] - mean) * (r[e] - mean);
                }
                dataSpread[e] += Math.sqrt(ss / (runs.length - 1));
                surrogateSpread[e] += sigma[e];
            }
        }
        html.append("\n<h2>Noise</h2>\n");
        if (multi == 0) {
            html.append("<p>No held-out architecture has two or more runs, so the data's spread is unknown.</p>\n");
        } else {
            List<double[]> series = new ArrayList<>();
            for (double[] s : new double[][] {dataSpread, surrogateSpread}) {
                double[] mean = new double[epochs];
                for (int e = 0; e < epochs; e++) {
                    mean[e] = s[e] / multi;
                }
                series.add(mean);
            }
            html.append(Svg.lines(x, series, List.of("data: standard deviation over seeds",
                    "surrogate: noise model's standard deviation"), 720, 340, String.format(Locale.ROOT,
                    "Spread of %s per epoch, mean over %d architectures with several runs", metric, multi),
                    "epoch", "standard deviation"));
        }
        return html.append("\n</body></html>\n").toString();
    }
}
