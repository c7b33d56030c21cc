package org.curvebench.noise;

import java.util.Arrays;

/**
 * Residuals of training runs around their architecture's mean, and their spread in a centred sliding window.
 * With several seeds the residual is the run minus the seed mean, scaled by sqrt(S/(S-1)) so that its
 * variance estimates the run-to-run variance; with one seed it is the run minus its own centred moving average.
 */
public final class Residuals {

    private Residuals() {
    }

    /** One residual curve per run; {@code runs} are the curves of one architecture. */
    public static double[][] of(double[][] runs, int window) {
        int s = runs.length;
        int n = runs[0].length;
        double[][] r = new double[s][n];
        if (s >= 2) {
            double scale = Math.sqrt(s / (s - 1.0));
            for (int e = 0; e < n; e++) {
                double mean = 0;
                for (double[] run : runs) {
                    mean += run[e] / s;
                }
                for (int i = 0; i < s; i++) {
                    r[i][e] = (runs[i][e] - mean) * scale;
                }
            }
        } else {
            double[] smooth = movingAverage(runs[0], window);
            double scale = Math.sqrt(window / (window - 1.0));
            for (int e = 0; e < n; e++) {
                r[0][e] = (runs[0][e] - smooth[e]) * scale;
            }
        }
        return r;
    }

    /**
     * Moving average over {@code window} epochs, centred where it fits and shifted inwards at the ends (so that
     * the first and last epochs are not their own average).
     */
    public static double[] movingAverage(double[] x, int window) {
        int n = x.length;
        int w = Math.min(window, n);
        double[] out = new double[n];
        for (int e = 0; e < n; e++) {
            int from = Math.max(0, Math.min(e - w / 2, n - w));
            double sum = 0;
            for (int j = from; j < from + w; j++) {
                sum += x[j];
            }
            out[e] = sum / w;
        }
        return out;
    }

    /**
     * The robust spread (1.4826 x median absolute residual) of the residuals of all runs within a centred
     * window around each epoch; the window (odd, default 9) shrinks symmetrically at the ends. Robust so that
     * rare spikes, modelled separately, do not inflate the spread of their neighbours.
     */
    public static double[] windowSpread(double[][] residuals, int window) {
        int n = residuals[0].length;
        double[] sigma = new double[n];
        double[] buf = new double[residuals.length * window];
        for (int e = 0; e < n; e++) {
            int half = halfWidth(e, n, window);
            int m = 0;
            for (double[] r : residuals) {
                for (int j = e - half; j <= e + half; j++) {
                    buf[m++] = Math.abs(r[j]);
                }
            }
            Arrays.sort(buf, 0, m);
            double median = (m % 2 == 1) ? buf[m / 2] : 0.5 * (buf[m / 2 - 1] + buf[m / 2]);
            sigma[e] = 1.4826 * median;
        }
        return sigma;
    }

    private static int halfWidth(int e, int n, int window) {
        int half = window / 2;
        return Math.min(half, Math.min(e, n - 1 - e));
    }

    /**
     * The epochs at which the most extreme of {@code runs} lies more than {@code z} windowed spreads from the
     * rest: the spikes that the sliding-window model counts (one per epoch at most, so that a spike's echo in the
     * seed mean is not counted again).
     */
    public static int spikeCount(double[][] runs, int window, double z) {
        double[][] r = of(runs, window);
        double[] spread = windowSpread(r, window);
        int spikes = 0;
        for (int e = 0; e < spread.length; e++) {
            double extreme = 0;
            for (double[] run : r) {
                extreme = Math.max(extreme, Math.abs(run[e]));
            }
            if (spread[e] > 0 && extreme > z * spread[e]) {
                spikes++;
            }
        }
        return spikes;
    }
}
