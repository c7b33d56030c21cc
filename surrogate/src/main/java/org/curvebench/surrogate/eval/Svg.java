package org.curvebench.surrogate.eval;

import java.util.List;
import java.util.Locale;

/** Small inline SVG figures (scatter plots and line charts) for self-contained HTML reports. */
final class Svg {

    static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"};
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 30;
    private static final int BOTTOM = 45;

    private Svg() {
    }

    /** Axes from the data's range, with a title, labels and four ticks each way. */
    private static final class Frame {
        final int width;
        final int height;
        final double x0;
        final double x1;
        final double y0;
        final double y1;

        Frame(int width, int height, double x0, double x1, double y0, double y1) {
            this.width = width;
            this.height = height;
            double xPad = x1 > x0 ? 0 : 1;
            double yPad = y1 > y0 ? 0.05 * (y1 - y0) : 1;
            this.x0 = x0 - xPad;
            this.x1 = x1 + xPad;
            this.y0 = y0 - yPad;
            this.y1 = y1 + yPad;
        }

        double px(double x) {
            return LEFT + (x - x0) / (x1 - x0) * (width - LEFT - RIGHT);
        }

        double py(double y) {
            return height - BOTTOM - (y - y0) / (y1 - y0) * (height - TOP - BOTTOM);
        }

        void open(StringBuilder sb, String title, String xLabel, String yLabel) {
            sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                    + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">", width, height, width, height));
            sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" text-anchor=\"middle\" font-size=\"13\">%s</text>",
                    width / 2, escape(title)));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    (LEFT + width - RIGHT) / 2, height - 8, escape(xLabel)));
            sb.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">%s</text>",
                    height / 2, height / 2, escape(yLabel)));
            sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>",
                    LEFT, TOP, width - LEFT - RIGHT, height - TOP - BOTTOM));
            for (int t = 0; t <= 4; t++) {
                double x = x0 + (x1 - x0) * t / 4;
                double y = y0 + (y1 - y0) * t / 4;
                sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                        px(x), height - BOTTOM + 14, tick(x)));
                sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                        LEFT - 4, py(y) + 4, tick(y)));
            }
        }
    }

    /** Points (x[i], y[i]) with the diagonal y = x, for predicted against true values. */
    static String scatter(double[] x, double[] y, int width, int height, String title, String xLabel, String yLabel) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                lo = Math.min(lo, Math.min(x[i], y[i]));
                hi = Math.max(hi, Math.max(x[i], y[i]));
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        Frame f = new Frame(width, height, lo, hi, lo, hi);
        StringBuilder sb = new StringBuilder();
        f.open(sb, title, xLabel, yLabel);
        sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\" "
                + "stroke-dasharray=\"4 3\"/>", f.px(f.x0), f.py(f.x0), f.px(f.x1), f.py(f.x1)));
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"%s\" "
                        + "fill-opacity=\"0.6\"/>", f.px(x[i]), f.py(y[i]), COLOURS[0]));
            }
        }
        return sb.append("</svg>").toString();
    }

    /** One line per series over x, with a legend. */
    static String lines(double[] x, List<double[]> series, List<String> names, int width, int height, String title,
                        String xLabel, String yLabel) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] s : series) {
            for (double v : s) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        Frame f = new Frame(width, height, x[0], x[x.length - 1], lo, hi);
        StringBuilder sb = new StringBuilder();
        f.open(sb, title, xLabel, yLabel);
        for (int s = 0; s < series.size(); s++) {
            String colour = COLOURS[s % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < x.length; i++) {
                double v = series.get(s)[i];
                if (Double.isFinite(v)) {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", f.px(x[i]), f.py(v)));
                }
            }
            sb.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" points=\"")
                    .append(points.toString().strip()).append("\"/>");
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>", LEFT + 8,
                    TOP + 14 + 14 * s, colour, escape(names.get(s))));
        }
        return sb.append("</svg>").toString();
    }

    private static String tick(double v) {
        double a = Math.abs(v);
        return a != 0 && (a < 0.01 || a >= 100_000) ? String.format(Locale.ROOT, "%.2g", v)
                : String.format(Locale.ROOT, "%.3g", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
