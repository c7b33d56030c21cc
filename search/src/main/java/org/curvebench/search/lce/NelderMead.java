package org.curvebench.search.lce;

import java.util.function.ToDoubleFunction;

/** Minimises a function of a few parameters by the Nelder-Mead simplex method (standard coefficients). */
final class NelderMead {

    private NelderMead() {
    }

    /** The best point found from {@code start} with initial steps {@code step}, within {@code iterations}. */
    static double[] minimise(ToDoubleFunction<double[]> f, double[] start, double[] step, int iterations) {
        int n = start.length;
        double[][] p = new double[n + 1][];
        double[] y = new double[n + 1];
        p[0] = start.clone();
        y[0] = f.applyAsDouble(p[0]);
        for (int i = 0; i < n; i++) {
            p[i + 1] = start.clone();
            p[i + 1][i] += step[i];
            y[i + 1] = f.applyAsDouble(p[i + 1]);
        }
        double[] centroid = new double[n];
        for (int it = 0; it < iterations; it++) {
            int best = 0;
            int worst = 0;
            for (int i = 1; i <= n; i++) {
                if (y[i] < y[best]) {
                    best = i;
                }
                if (y[i] > y[worst]) {
                    worst = i;
                }
            }
            int second = worst == best ? (best + 1) % (n + 1) : best;
            for (int i = 0; i <= n; i++) {
                if (i != worst && y[i] > y[second]) {
                    second = i;
                }
            }
            if (Math.abs(y[worst] - y[best]) <= 1e-12 * (Math.abs(y[best]) + 1e-12)) {
                break;
            }
            java.util.Arrays.fill(centroid, 0);
            for (int i = 0; i <= n; i++) {
                if (i != worst) {
                    for (int j = 0; j < n; j++) {
                        centroid[j] += p[i][j] / n;
                    }
                }
            }
            double[] reflected = along(centroid, p[worst], -1.0);
            double yr = f.applyAsDouble(reflected);
            if (yr < y[best]) {
                double[] expanded = along(centroid, p[worst], -2.0);
                double ye = f.applyAsDouble(expanded);
                if (ye < yr) {
                    p[worst] = expanded;
                    y[worst] = ye;
                } else {
                    p[worst] = reflected;
                    y[worst] = yr;
                }
            } else if (yr < y[second]) {
                p[worst] = reflected;
                y[worst] = yr;
            } else {
                double[] contracted = along(centroid, p[worst], yr < y[worst] ? -0.5 : 0.5);
                double yc = f.applyAsDouble(contracted);
                if (yc < Math.min(yr, y[worst])) {
                    p[worst] = contracted;
                    y[worst] = yc;
                } else {
                    for (int i = 0; i <= n; i++) {
                        if (i != best) {
                            for (int j = 0; j < n; j++) {
                                p[i][j] = p[best][j] + 0.5 * (p[i][j] - p[best][j]);
                            }
                            y[i] = f.applyAsDouble(p[i]);
                        }
                    }
                }
            }
        }
        int best = 0;
        for (int i = 1; i <= n; i++) {
            if (y[i] < y[best]) {
                best = i;
            }
        }
        return p[best];
    }

    /** {@code centroid + t * (point - centroid)}. */
    private static double[] along(double[] centroid, double[] point, double t) {
        double[] out = new double[centroid.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = centroid[j] + t * (point[j] - centroid[j]);
        }
        return out;
    }
}
