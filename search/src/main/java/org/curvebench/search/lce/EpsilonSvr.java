package org.curvebench.search.lce;

/**
 * ε-support vector regression with a Gaussian (RBF) kernel, solved by sequential minimal optimisation with
 * first-order working-set selection on the 2n-variable dual, as LIBSVM writes it. Small problems only (the kernel
 * matrix is held whole): learning-curve extrapolation trains on at most a few hundred curves. Immutable once fitted.
 */
final class EpsilonSvr {

    private static final double TOLERANCE = 1e-3;
    private static final int MAX_ITERATIONS = 100_000;

    private final double[][] x;
    private final double[] coef;
    private final double rho;
    private final double gamma;

    private EpsilonSvr(double[][] x, double[] coef, double rho, double gamma) {
        this.x = x;
        this.coef = coef;
        this.rho = rho;
        this.gamma = gamma;
    }

    /** Fits {@code x -> y} with box {@code c}, tube {@code epsilon} and kernel width {@code gamma}. */
    static EpsilonSvr fit(double[][] x, double[] y, double c, double epsilon, double gamma) {
        int n = x.length;
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                k[i][j] = kernel(x[i], x[j], gamma);
                k[j][i] = k[i][j];
            }
        }
        int l = 2 * n;
        double[] alpha = new double[l];
        double[] g = new double[l];
        int[] sign = new int[l];
        for (int t = 0; t < n; t++) {
            sign[t] = 1;
            sign[t + n] = -1;
            g[t] = epsilon - y[t];
            g[t + n] = epsilon + y[t];
        }
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double gMax = Double.NEGATIVE_INFINITY;
            double gMin = Double.POSITIVE_INFINITY;
            int i = -1;
            int j = -1;
            for (int t = 0; t < l; t++) {
                double v = -sign[t] * g[t];
                boolean up = sign[t] == 1 ? alpha[t] < c : alpha[t] > 0;
                boolean low = sign[t] == 1 ? alpha[t] > 0 : alpha[t] < c;
                if (up && v >= gMax) {
                    gMax = v;
                    i = t;
                }
                if (low && v <= gMin) {
                    gMin = v;
                    j = t;
                }
            }
            if (i < 0 || j < 0 || gMax - gMin < TOLERANCE) {
                break;
            }
            double kii = k[i % n][i % n];
            double kjj = k[j % n][j % n];
            double qij = sign[i] * sign[j] * k[i % n][j % n];
            double oldI = alpha[i];
            double oldJ = alpha[j];
            if (sign[i] != sign[j]) {
                double quad = Math.max(kii + kjj + 2 * qij, 1e-12);
                double delta = (-g[i] - g[j]) / quad;
                double diff = alpha[i] - alpha[j];
                alpha[i] += delta;
                alpha[j] += delta;
                if (diff > 0) {
                    if (alpha[j] < 0) {
                        alpha[j] = 0;
                        alpha[i] = diff;
                    }
                } else if (alpha[i] < 0) {
                    alpha[i] = 0;
                    alpha[j] = -diff;
                }
                if (diff > 0) {
                    if (alpha[i] > c) {
                        alpha[i] = c;
                        alpha[j] = c - diff;
                    }
                } else if (alpha[j] > c) {
                    alpha[j] = c;
                    alpha[i] = c + diff;
                }
            } else {
                double quad = Math.max(kii + kjj - 2 * qij, 1e-12);
                double delta = (g[i] - g[j]) / quad;
                double sum = alpha[i] + alpha[j];
                alpha[i] -= delta;
                alpha[j] += delta;
                if (sum > c) {
                    if (alpha[i] > c) {
                        alpha[i] = c;
                        alpha[j] = sum - c;
                    }
                } else if (alpha[j] < 0) {
                    alpha[j] = 0;
                    alpha[i] = sum;
                }
                if (sum > c) {
                    if (alpha[j] > c) {
                        alpha[j] = c;
                        alpha[i] = sum - c;
                    }
                } else if (alpha[i] < 0) {
                    alpha[i] = 0;
                    alpha[j] = sum;
                }
            }
            double di = alpha[i] - oldI;
            double dj = alpha[j] - oldJ;
            for (int t = 0; t < l; t++) {
                g[t] += sign[t] * (sign[i] * k[t % n][i % n] * di + sign[j] * k[t % n][j % n] * dj);
            }
        }
        double upper = Double.POSITIVE_INFINITY;
        double lower = Double.NEGATIVE_INFINITY;
        double sumFree = 0;
        int free = 0;
        for (int t = 0; t < l; t++) {
            double yg = sign[t] * g[t];
            if (alpha[t] >= c) {
                if (sign[t] == -1) {
                    upper = Math.min(upper, yg);
                } else {
                    lower = Math.max(lower, yg);
                }
            } else if (alpha[t] <= 0) {
                if (sign[t] == 1) {
                    upper = Math.min(upper, yg);
                } else {
                    lower = Math.max(lower, yg);
                }
            } else {
                free++;
                sumFree += yg;
            }
        }
        double rho = free > 0 ? sumFree / free : (upper + lower) / 2;
        double[] coef = new double[n];
        for (int t = 0; t < n; t++) {
            coef[t] = alpha[t] - alpha[t + n];
        }
        return new EpsilonSvr(x, coef, rho, gamma);
    }

    double predict(double[] point) {
        double f = -rho;
        for (int i = 0; i < x.length; i++) {
            if (coef[i] != 0) {
                f += coef[i] * kernel(x[i], point, gamma);
            }
        }
        return f;
    }

    private static double kernel(double[] a, double[] b, double gamma) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            double t = a[i] - b[i];
            d += t * t;
        }
        return Math.exp(-gamma * d);
    }
}
