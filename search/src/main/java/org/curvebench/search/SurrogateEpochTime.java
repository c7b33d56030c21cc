package org.curvebench.search;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.curvebench.datasets.Metrics;
import org.curvebench.encoding.Architecture;
import org.curvebench.surrogate.CurveSurrogate;
import org.curvebench.surrogate.SurrogateBenchmark;

/**
 * Training time as a multi-metric surrogate predicts it: training to epoch e costs the sum of the first e values
 * of the architecture's mean {@code epoch_seconds} curve (a negative prediction counts as zero; past the curve's
 * end its last epoch repeats). The mean, not a noisy draw, so that a run's cost does not depend on its seed.
 * Cached per architecture.
 */
public final class SurrogateEpochTime implements TrainingTime {

    private final SurrogateBenchmark seconds;
    private final ConcurrentHashMap<String, double[]> cumulative = new ConcurrentHashMap<>();

    private SurrogateEpochTime(SurrogateBenchmark seconds) {
        this.seconds = seconds;
    }

    /** The surrogate's predicted training time, when it was fitted with {@code epoch_seconds}. */
    public static Optional<TrainingTime> of(CurveSurrogate surrogate) {
        return surrogate.metrics().contains(Metrics.EPOCH_SECONDS)
                ? Optional.of(new SurrogateEpochTime(surrogate.forMetric(Metrics.EPOCH_SECONDS)))
                : Optional.empty();
    }

    @Override
    public double seconds(Architecture architecture, int epochs) {
        if (epochs <= 0) {
            return 0;
        }
        double[] c = cumulative.computeIfAbsent(architecture.canonicalKey(), k -> {
            double[] e = seconds.meanCurve(architecture).toArray();
            double[] sums = new double[e.length];
            double total = 0;
            for (int i = 0; i < e.length; i++) {
                total += Math.max(0, e[i]);
                sums[i] = total;
            }
            return sums;
        });
        if (epochs <= c.length) {
            return c[epochs - 1];
        }
        double last = c.length == 1 ? c[0] : c[c.length - 1] - c[c.length - 2];
        return c[c.length - 1] + (epochs - c.length) * last;
    }
}
