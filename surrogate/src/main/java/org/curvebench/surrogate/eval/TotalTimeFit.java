package org.curvebench.surrogate.eval;

import java.util.List;
import org.curvebench.datasets.ArchitectureRuns;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.datasets.Metrics;
import org.curvebench.surrogate.SurrogateBenchmark;

/**
 * How well a surrogate of {@link Metrics#EPOCH_SECONDS} predicts the total training time of each test
 * architecture (the sum of its mean per-epoch seconds), the budget a NAS optimizer spends to train it fully:
 * mean absolute percentage error, R² and Kendall tau across architectures.
 */
public record TotalTimeFit(int nArchs, double meanAbsolutePercentError, double r2, double kendallTau) {

    /** The fit of {@code surrogate} (answering epoch seconds) on the test architectures' mean epoch seconds. */
    public static TotalTimeFit of(SurrogateBenchmark surrogate, CurveDataset test) {
        List<ArchitectureRuns> archs = test.architectures();
        int n = archs.size();
        double[] truth = new double[n];
        double[] predicted = new double[n];
        double ape = 0;
        int observed = surrogate.observedEpochs();
        for (int i = 0; i < n; i++) {
            double[] seconds = archs.get(i).meanCurve(Metrics.EPOCH_SECONDS).toArray();
            double[] head = observed == 0 ? new double[0]
                    : java.util.Arrays.copyOf(archs.get(i).meanCurve(surrogate.observedMetric()).toArray(), observed);
            double[] p = surrogate.meanCurve(archs.get(i).architecture(), head).toArray();
            for (int e = 0; e < seconds.length; e++) {
                truth[i] += seconds[e];
                predicted[i] += p[e];
            }
            ape += Math.abs(predicted[i] - truth[i]) / Math.abs(truth[i]) / n;
        }
        return new TotalTimeFit(n, 100 * ape, Statistics.r2(truth, predicted), Statistics.kendallTauB(truth, predicted));
    }
}
