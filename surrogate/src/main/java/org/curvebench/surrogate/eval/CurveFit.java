package org.curvebench.surrogate.eval;

/**
 * Agreement of predicted curves with true curves across architectures, per epoch: R2 and Kendall's tau-b,
 * averaged over epochs ("avg") and at the last epoch ("final").
 */
public record CurveFit(double avgR2, double finalR2, double avgKt, double finalKt) {

    /** Compares row i of {@code predicted} with row i of {@code truth} (one row per architecture). */
    public static CurveFit of(double[][] truth, double[][] predicted) {
        int n = truth.length;
        int epochs = truth[0].length;
        double[] r2 = new double[epochs];
        double[] kt = new double[epochs];
        double[] t = new double[n];
        double[] p = new double[n];
        for (int e = 0; e < epochs; e++) {
            for (int i = 0; i < n; i++) {
                t[i] = truth[i][e];
                p[i] = predicted[i][e];
            }
            r2[e] = Statistics.r2(t, p);
            kt[e] = Statistics.kendallTauB(t, p);
        }
        return new CurveFit(Statistics.finiteMean(r2), r2[epochs - 1], Statistics.finiteMean(kt), kt[epochs - 1]);
    }

    /** The element-wise mean of several fits (e.g. over held-out seeds). */
    public static CurveFit mean(java.util.List<CurveFit> fits) {
        return new CurveFit(fits.stream().mapToDouble(CurveFit::avgR2).average().orElse(Double.NaN),
                fits.stream().mapToDouble(CurveFit::finalR2).average().orElse(Double.NaN),
                fits.stream().mapToDouble(CurveFit::avgKt).average().orElse(Double.NaN),
                fits.stream().mapToDouble(CurveFit::finalKt).average().orElse(Double.NaN));
    }
}
