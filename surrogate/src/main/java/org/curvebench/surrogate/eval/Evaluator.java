package org.curvebench.surrogate.eval;

import java.util.ArrayList;
import java.util.List;
import org.curvebench.datasets.ArchitectureRuns;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.core.Progress;
import org.curvebench.noise.Residuals;
import org.curvebench.noise.SlidingWindowNoiseTrainer;
import org.curvebench.surrogate.SurrogateBenchmark;

/**
 * Evaluates a surrogate on held-out data as NAS-Bench-x11 does: its mean curves against each architecture's mean
 * over runs; where architectures have S &ge; 2 seeds, the tabular comparison (the mean of k seeds, k = 1..S-1,
 * predicting a held-out seed, beside the surrogate predicting the same seed; averaged over every choice of the
 * held-out seed) and the noise KL divergence between the seeds' spread and the surrogate's samples' spread. A
 * surrogate with observed epochs is given the first epochs of the architecture's mean curve, or of the held-out
 * seed's own curve when it predicts that seed (of its {@link SurrogateBenchmark#observedMetric()}).
 */
public final class Evaluator {

    /** Noisy surrogate curves drawn per architecture for the noise KL. */
    public static final int NOISE_SAMPLES = 20;
    private static final double VARIANCE_FLOOR = 1e-10;

    private final Progress progress;

    public Evaluator(Progress progress) {
        this.progress = progress;
    }

    public EvaluationReport evaluate(SurrogateBenchmark surrogate, CurveDataset test) {
        String metric = surrogate.metric();
        int epochs = test.epochs(metric);
        if (epochs != surrogate.epochs()) {
            throw new IllegalArgumentException("the test curves of '" + metric + "' have " + epochs
                    + " epochs but the surrogate predicts " + surrogate.epochs());
        }
        List<ArchitectureRuns> archs = test.architectures();
        if (archs.size() < 2) {
            throw new IllegalArgumentException("evaluation needs at least 2 test architectures, got " + archs.size());
        }
        int n = archs.size();
        int observed = surrogate.observedEpochs();
        String observedMetric = surrogate.observedMetric();
        double[][] truth = new double[n][];
        double[][] heads = new double[n][];
        double[][] predicted = new double[n][];
        progress.start("evaluating on " + n + " architectures", n);
        for (int i = 0; i < n; i++) {
            truth[i] = archs.get(i).meanCurve(metric).toArray();
            heads[i] = head(archs.get(i).meanCurve(observedMetric).toArray(), observed);
            predicted[i] = surrogate.meanCurve(archs.get(i).architecture(), heads[i]).toArray();
            progress.advance(1);
        }
        progress.done();
        CurveFit meanFit = CurveFit.of(truth, predicted);

        List<Integer> multi = new ArrayList<>();
        int seeds = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            if (archs.get(i).seeds() >= 2) {
                multi.add(i);
                seeds = Math.min(seeds, archs.get(i).seeds());
            }
        }
        if (multi.size() < 2) {
            return new EvaluationReport(surrogate.space().name(), metric, epochs, n, meanFit, null, null, null, null);
        }
        List<double[][]> runs = new ArrayList<>();
        double[][][] surrogateCurves = new double[seeds][multi.size()][];
        for (int j = 0; j < multi.size(); j++) {
            double[][] r = archs.get(multi.get(j)).curves(metric);
            double[][] seen = archs.get(multi.get(j)).curves(observedMetric);
            runs.add(r);
            for (int h = 0; h < seeds; h++) {
                surrogateCurves[h][j] = observed == 0 ? predicted[multi.get(j)]
                        : surrogate.meanCurve(archs.get(multi.get(j)).architecture(), head(seen[h], observed)).toArray();
            }
        }
        List<EvaluationReport.TabularFit> tabular = new ArrayList<>();
        for (int k = 1; k < seeds; k++) {
            tabular.add(new EvaluationReport.TabularFit(k, tabularFit(runs, seeds, k)));
        }
        CurveFit vsSeed = surrogateVsHeldout(runs, seeds, surrogateCurves);
        EvaluationReport.NoiseFit noise = noiseFit(surrogate, multi, archs, heads, runs, seeds, epochs);
        return new EvaluationReport(surrogate.space().name(), metric, epochs, n, meanFit, seeds, tabular, vsSeed, noise);
    }

    /** The mean of seeds h+1..h+k (cyclically) predicting seed h, averaged over h. */
    private static CurveFit tabularFit(List<double[][]> runs, int seeds, int k) {
        List<CurveFit> fits = new ArrayList<>();
        int epochs = runs.get(0)[0].length;
        for (int h = 0; h < seeds; h++) {
            double[][] truth = new double[runs.size()][];
            double[][] predicted = new double[runs.size()][epochs];
            for (int a = 0; a < runs.size(); a++) {
                double[][] r = runs.get(a);
                truth[a] = r[h];
                for (int j = 1; j <= k; j++) {
                    double[] other = r[(h + j) % seeds];
                    for (int e = 0; e < epochs; e++) {
                        predicted[a][e] += other[e] / k;
                    }
                }
            }
            fits.add(CurveFit.of(truth, predicted));
        }
        return CurveFit.mean(fits);
    }

    /**
     * The surrogate's mean curve predicting seed h, averaged over h; a surrogate with observed epochs sees the
     * first epochs of seed h itself.
     */
    private static CurveFit surrogateVsHeldout(List<double[][]> runs, int seeds, double[][][] surrogateCurves) {
        List<CurveFit> fits = new ArrayList<>();
        for (int h = 0; h < seeds; h++) {
            double[][] truth = new double[runs.size()][];
            for (int a = 0; a < runs.size(); a++) {
                truth[a] = runs.get(a)[h];
            }
            fits.add(CurveFit.of(truth, surrogateCurves[h]));
        }
        return CurveFit.mean(fits);
    }

    /**
     * KL(data || surrogate) per epoch between the Gaussian of the seeds' residuals around their mean and the
     * Gaussian of the surrogate's noisy samples around its mean curve, averaged over architectures.
     */
    private EvaluationReport.NoiseFit noiseFit(SurrogateBenchmark surrogate, List<Integer> multi,
                                               List<ArchitectureRuns> archs, double[][] heads,
                                               List<double[][]> runs, int seeds, int epochs) {
        double[] klSum = new double[epochs];
        double[][] samples = new double[NOISE_SAMPLES][];
        double dataSpikes = 0;
        double modelSpikes = 0;
        int groups = NOISE_SAMPLES / seeds;
        progress.start("sampling noise for " + multi.size() + " architectures", multi.size());
        for (int j = 0; j < multi.size(); j++) {
            var arch = archs.get(multi.get(j)).architecture();
            double[] observed = heads[multi.get(j)];
            double[] mean = surrogate.meanCurve(arch, observed).toArray();
            for (int s = 0; s < NOISE_SAMPLES; s++) {
                samples[s] = surrogate.noisyCurve(arch, observed, s).toArray();
            }
            double[][] r = runs.get(j);
            for (int e = 0; e < epochs; e++) {
                double dataVariance = moments(r, seeds, e)[1];
                double ss = 0;
                for (double[] sample : samples) {
                    ss += (sample[e] - mean[e]) * (sample[e] - mean[e]);
                }
                double modelVariance = Math.max(VARIANCE_FLOOR, ss / NOISE_SAMPLES);
                klSum[e] += Statistics.gaussianKl(0, dataVariance, 0, modelVariance);
            }
            dataSpikes += spikeRate(r, seeds, 0);
            for (int g = 0; g < groups; g++) {
                modelSpikes += spikeRate(samples, seeds, g * seeds) / groups;
            }
            progress.advance(1);
        }
        progress.done();
        double[] kl = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            kl[e] = klSum[e] / multi.size();
        }
        return new EvaluationReport.NoiseFit(Statistics.finiteMean(kl), kl[epochs - 1], NOISE_SAMPLES,
                dataSpikes / multi.size(), modelSpikes / multi.size());
    }

    /**
     * The share of epochs with a spike among {@code count} curves from row {@code from}: groups of the surrogate's
     * samples as large as the data's seed groups, so that both rates are measured alike.
     */
    private static double spikeRate(double[][] curves, int count, int from) {
        double[][] group = java.util.Arrays.copyOfRange(curves, from, from + count);
        return (double) Residuals.spikeCount(group, org.curvebench.noise.SlidingWindowNoiseProvider.DEFAULT_WINDOW, SlidingWindowNoiseTrainer.SPIKE_Z)
                / group[0].length;
    }

    private static double[] head(double[] curve, int n) {
        return java.util.Arrays.copyOf(curve, n);
    }

    /** Mean and unbiased variance (floored) of column e over the first {@code count} rows. */
    private static double[] moments(double[][] rows, int count, int e) {
        double mean = 0;
        for (int i = 0; i < count; i++) {
            mean += rows[i][e] / count;
        }
        double ss = 0;
        for (int i = 0; i < count; i++) {
            ss += (rows[i][e] - mean) * (rows[i][e] - mean);
        }
        return new double[]{mean, Math.max(VARIANCE_FLOOR, ss / (count - 1))};
    }
}
