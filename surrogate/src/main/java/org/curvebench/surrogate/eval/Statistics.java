package org.curvebench.surrogate.eval;

import java.util.Arrays;

/** The fidelity statistics of NAS-Bench-x11's evaluation: R2, Kendall's tau-b and the KL of Gaussians. */
public final class Statistics {

    private Statistics() {
    }

    /**
     * Coefficient of determination of {@code predicted} for {@code truth}, as scikit-learn's r2_score: 1 - SSres/SStot,
     * and for constant truth 1 when the prediction is exact, else 0.
     */
    public static double r2(double[] truth, double[] predicted) {
        int n = truth.length;
        double mean = 0;
        for (double t : truth) {
            mean += t / n;
        }
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < n; i++) {
            ssRes += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
            ssTot += (truth[i] - mean) * (truth[i] - mean);
        }
        if (ssTot == 0) {
            return ssRes == 0 ? 1 : 0;
        }
        return 1 - ssRes / ssTot;
    }

    /**
     * Kendall's tau-b (ties in either variable corrected), in O(n log n) by Knight's algorithm; NaN when either
     * variable is constant, as SciPy's kendalltau.
     */
    public static double kendallTauB(double[] x, double[] y) {
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> {
            int c = Double.compare(x[a], x[b]);
            return c != 0 ? c : Double.compare(y[a], y[b]);
        });
        double[] ys = new double[n];
        long pairs = (long) n * (n - 1) / 2;
        long tiedX = 0;
        long tiedXY = 0;
        long runX = 1;
        long runXY = 1;
        for (int i = 0; i < n; i++) {
            ys[i] = y[boxed[i]];
            if (i > 0) {
                boolean sameX = x[boxed[i]] == x[boxed[i - 1]];
                if (sameX) {
                    runX++;
                    if (ys[i] == ys[i - 1]) {
                        runXY++;
                    } else {
                        tiedXY += runXY * (runXY - 1) / 2;
                        runXY = 1;
                    }
                } else {
                    tiedX += runX * (runX - 1) / 2;
                    tiedXY += runXY * (runXY - 1) / 2;
                    runX = 1;
                    runXY = 1;
                }
            }
        }
        tiedX += runX * (runX - 1) / 2;
        tiedXY += runXY * (runXY - 1) / 2;
        long swaps = mergeSortSwaps(ys, new double[n], 0, n);
        long tiedY = 0;
        long runY = 1;
        for (int i = 1; i < n; i++) {
            if (ys[i] == ys[i - 1]) {
                runY++;
            } else {
                tiedY += runY * (runY - 1) / 2;
                runY = 1;
            }
        }
        tiedY += runY * (runY - 1) / 2;
        double denominator = Math.sqrt((double) (pairs - tiedX) * (double) (pairs - tiedY));
        if (denominator == 0) {
            return Double.NaN;
        }
        double concordantMinusDiscordant = pairs - tiedX - tiedY + tiedXY - 2.0 * swaps;
        return concordantMinusDiscordant / denominator;
    }

    private static long mergeSortSwaps(double[] a, double[] buf, int from, int to) {
        if (to - from < 2) {
            return 0;
        }
        int mid = (from + to) >>> 1;
        long swaps = mergeSortSwaps(a, buf, from, mid) + mergeSortSwaps(a, buf, mid, to);
        int i = from;
        int j = mid;
        int k = from;
        while (i < mid && j < to) {
            if (a[j] < a[i]) {
                swaps += mid - i;
                buf[k++] = a[j++];
            } else {
                buf[k++] = a[i++];
            }
        }
        while (i < mid) {
            buf[k++] = a[i++];
        }
        while (j < to) {
            buf[k++] = a[j++];
        }
        System.arraycopy(buf, from, a, from, to - from);
        return swaps;
    }

    /** KL(P || Q) of univariate Gaussians P = N(meanP, varP), Q = N(meanQ, varQ). */
    public static double gaussianKl(double meanP, double varP, double meanQ, double varQ) {
        return 0.5 * (Math.log(varQ / varP) + (varP + (meanP - meanQ) * (meanP - meanQ)) / varQ - 1);
    }

    /** Mean of the finite values; NaN when there are none. */
    public static double finiteMean(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
