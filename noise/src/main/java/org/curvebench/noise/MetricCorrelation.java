package org.curvebench.noise;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How the run-to-run noise of several metrics of one training run moves together (a run whose validation loss
 * spikes has its accuracy dip at the same epoch): the correlation matrix of the runs' residuals around their
 * architecture's mean, each standardised by its metric's spread at that epoch, pooled over epochs. Joint draws
 * correlate the metrics' unit innovations through the Cholesky factor of {@code innovations}: the correlation that
 * the innovations need for the noise itself to correlate as measured once each metric's noise carries over from
 * epoch to epoch with its own autocorrelation (see {@link #forAutocorrelations}). The first metric's innovations
 * are its own draws unchanged, so that its noisy curve is the same whether asked alone or with others. Immutable.
 */
public final class MetricCorrelation {

    private final double[][] correlation;
    private final double[][] innovations;
    private final double[][] cholesky;

    @JsonCreator
    public MetricCorrelation(@JsonProperty("correlation") double[][] correlation,
                             @JsonProperty("innovations") double[][] innovations) {
        this.correlation = square(correlation);
        this.innovations = square(innovations == null ? correlation : innovations);
        if (this.innovations.length != this.correlation.length) {
            throw new IllegalArgumentException("correlations of " + this.correlation.length + " and "
                    + this.innovations.length + " metrics");
        }
        this.cholesky = cholesky(this.innovations);
    }

    private static double[][] square(double[][] c) {
        int m = c.length;
        double[][] copy = new double[m][];
        for (int i = 0; i < m; i++) {
            if (c[i].length != m) {
                throw new IllegalArgumentException("a correlation matrix must be square, got " + m + " rows of "
                        + c[i].length);
            }
            copy[i] = c[i].clone();
        }
        return copy;
    }

    /** No correlation between {@code metrics} metrics. */
    public static MetricCorrelation independent(int metrics) {
        double[][] identity = new double[metrics][metrics];
        for (int i = 0; i < metrics; i++) {
            identity[i][i] = 1;
        }
        return new MetricCorrelation(identity, identity);
    }

    /**
     * This measured correlation, with innovations correlated so that AR(1) noise of lag-one autocorrelations
     * {@code rho} (one per metric) reproduces it: two such processes whose innovations correlate at c correlate at
     * {@code c sqrt((1 - rho_i^2)(1 - rho_j^2)) / (1 - rho_i rho_j)}, so c is the measured value times the inverse
     * of that factor, kept within (-1, 1).
     */
    public MetricCorrelation forAutocorrelations(double[] rho) {
        int m = correlation.length;
        if (rho.length != m) {
            throw new IllegalArgumentException(rho.length + " autocorrelations for " + m + " metrics");
        }
        double[][] c = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double factor = Math.sqrt((1 - rho[i] * rho[i]) * (1 - rho[j] * rho[j])) / (1 - rho[i] * rho[j]);
                c[i][j] = i == j ? 1 : Math.max(-0.999, Math.min(0.999, correlation[i][j] / factor));
            }
        }
        return new MetricCorrelation(correlation, c);
    }

    /**
     * Measures the correlation on {@code runs.get(m).get(a)}: the runs (one row per seed) of architecture a in
     * metric m, every metric listing the same architectures and seeds. Architectures with one seed carry no
     * residual; without any architecture of two seeds the metrics are taken as independent.
     */
    public static MetricCorrelation measure(List<List<double[][]>> runs) {
        int m = runs.size();
        int archs = runs.get(0).size();
        double[][] sums = new double[m][m];
        for (int i = 0; i < m; i++) {
            if (runs.get(i).size() != archs) {
                throw new IllegalArgumentException("metric " + i + " has runs of " + runs.get(i).size()
                        + " architectures, metric 0 of " + archs);
            }
        }
        int epochs = runs.get(0).get(0)[0].length;
        double[][] residual = new double[m][];
        for (int e = 0; e < epochs; e++) {
            double[] spread = new double[m];
            for (int i = 0; i < m; i++) {
                spread[i] = Math.sqrt(residualSquares(runs.get(i), e));
            }
            for (int a = 0; a < archs; a++) {
                int seeds = runs.get(0).get(a).length;
                if (seeds < 2) {
                    continue;
                }
                for (int i = 0; i < m; i++) {
                    residual[i] = residuals(runs.get(i).get(a), e, spread[i]);
                }
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j <= i; j++) {
                        for (int s = 0; s < seeds; s++) {
                            sums[i][j] += residual[i][s] * residual[j][s];
                        }
                    }
                }
            }
        }
        double[][] c = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double d = Math.sqrt(sums[i][i] * sums[j][j]);
                c[i][j] = i == j ? 1 : d > 0 ? sums[i][j] / d : 0;
                c[j][i] = c[i][j];
            }
        }
        return new MetricCorrelation(c, c);
    }

    private static double residualSquares(List<double[][]> archs, int e) {
        double ss = 0;
        for (double[][] r : archs) {
            for (double v : residuals(r, e, 1)) {
                ss += v * v;
            }
        }
        return ss;
    }

    /** The seeds' deviations from their mean at epoch e, divided by {@code spread} (0 when it is 0). */
    private static double[] residuals(double[][] seeds, int e, double spread) {
        double mean = 0;
        for (double[] s : seeds) {
            mean += s[e] / seeds.length;
        }
        double[] r = new double[seeds.length];
        for (int s = 0; s < seeds.length; s++) {
            r[s] = spread > 0 ? (seeds[s][e] - mean) / spread : 0;
        }
        return r;
    }

    /**
     * Correlated innovations: row i is {@code sum_j L[i][j] own[j]}, with {@code own[0]} (the first metric's own
     * draws) passed through unchanged and the others' drawn from {@code random}, one unit Gaussian per epoch.
     */
    public double[][] correlate(double[] first, SplittableRandom random) {
        int m = cholesky.length;
        int epochs = first.length;
        double[][] own = new double[m][];
        own[0] = first;
        for (int i = 1; i < m; i++) {
            own[i] = new double[epochs];
            for (int e = 0; e < epochs; e++) {
                own[i][e] = Gaussian.next(random);
            }
        }
        double[][] out = new double[m][epochs];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double l = cholesky[i][j];
                if (l != 0) {
                    for (int e = 0; e < epochs; e++) {
                        out[i][e] += l * own[j][e];
                    }
                }
            }
        }
        return out;
    }

    @JsonProperty("correlation")
    public double[][] correlation() {
        double[][] copy = new double[correlation.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = correlation[i].clone();
        }
        return copy;
    }

    /** The correlation of the metrics' unit innovations that joint draws use. */
    @JsonProperty("innovations")
    public double[][] innovations() {
        return square(innovations);
    }

    public int metrics() {
        return correlation.length;
    }

    /** The lower Cholesky factor, with a small ridge when the measured matrix is not positive definite. */
    private static double[][] cholesky(double[][] c) {
        int m = c.length;
        for (double ridge = 0; ; ridge = ridge == 0 ? 1e-9 : ridge * 10) {
            double[][] l = new double[m][m];
            boolean ok = true;
            for (int i = 0; i < m && ok; i++) {
                for (int j = 0; j <= i; j++) {
                    double s = c[i][j] + (i == j ? ridge : 0);
                    for (int k = 0; k < j; k++) {
                        s -= l[i][k] * l[j][k];
                    }
                    if (i == j) {
                        if (!(s > 0)) {
                            ok = false;
                            break;
                        }
                        l[i][i] = Math.sqrt(s);
                    } else {
                        l[i][j] = s / l[j][j];
                    }
                }
            }
            if (ok) {
                for (int i = 0; i < m; i++) {
                    double norm = 0;
                    for (int j = 0; j <= i; j++) {
                        norm += l[i][j] * l[i][j];
                    }
                    for (int j = 0; j <= i; j++) {
                        l[i][j] /= Math.sqrt(norm);
                    }
                }
                return l;
            }
            if (ridge > 1) {
                throw new IllegalArgumentException("not a correlation matrix: " + java.util.Arrays.deepToString(c));
            }
        }
    }
}
