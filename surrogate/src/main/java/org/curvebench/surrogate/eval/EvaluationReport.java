package org.curvebench.surrogate.eval;

import java.util.List;

/**
 * The evaluation of a surrogate on held-out architectures. {@code tabular} and {@code surrogateVsHeldoutSeed} are
 * null when no test architecture has two or more seeds; {@code noise} is null likewise.
 *
 * @param nArchs                  test architectures
 * @param meanFit                 surrogate mean curve vs each architecture's mean over its runs
 * @param seeds                   seeds used per architecture in the tabular comparison (S)
 * @param tabular                 for k = 1..S-1, the mean of k seeds predicting a held-out seed
 * @param surrogateVsHeldoutSeed  the surrogate's mean curve predicting the same held-out seed
 * @param noise                   KL divergence of the seeds' Gaussian from the surrogate's samples' Gaussian
 */
public record EvaluationReport(String space, String metric, int epochs, int nArchs, CurveFit meanFit, Integer seeds,
                               List<TabularFit> tabular, CurveFit surrogateVsHeldoutSeed, NoiseFit noise) {

    /** The k-seed tabular benchmark's fit on a held-out seed. */
    public record TabularFit(int seeds, CurveFit fit) {
    }

    /**
     * KL(data || surrogate) of per-epoch zero-mean Gaussians of the noise (seeds around their mean; surrogate
     * samples around its mean curve), averaged over architectures, then over epochs ("avg") and at the last
     * epoch; {@code samples} noisy surrogate curves per architecture were drawn. The spike rates are the share of
     * epochs at which one curve of a group of S (the data's seeds; the surrogate's samples, in groups of S) lies
     * more than 4 windowed spreads from the rest.
     */
    public record NoiseFit(double avgKl, double finalKl, int samples, double spikeRateData, double spikeRateSurrogate) {
    }
}
