package org.curvebench.search.lce;

import java.util.SplittableRandom;
import org.curvebench.core.LearningCurve;
import org.curvebench.encoding.Architecture;
import org.curvebench.search.SearchContext;

/**
 * {@code wpm}: Domhan et al.'s (2015) weighted ensemble of parametric curve models. Each family is fitted to the
 * partial curve (scaled to rise from 0 to 1) by least squares; Metropolis sampling then draws ensemble weights and
 * the noise level from their posterior under a Gaussian likelihood, rejecting combinations that would fall after
 * the last observed epoch (curves are taken to improve), and the prediction is the posterior mean of the combined
 * curve at the final epoch. Domhan et al. sample the curves' parameters too and with far more steps; here they are
 * fixed at the fit and {@link #STEPS} steps are drawn (see README for how it ranks).
 */
public final class WeightedParametricModels implements LceMethod {

    /** Metropolis steps per prediction, the first {@link #BURN_IN} discarded. */
    static final int STEPS = 400;
    static final int BURN_IN = 100;
    static final int FIT_ITERATIONS = 300;

    @Override
    public String name() {
        return "wpm";
    }

    @Override
    public String description() {
        return "weighted parametric curve models (Domhan et al. 2015): " + ParametricCurve.values().length
                + " families, Metropolis-sampled weights";
    }

    @Override
    public LcePredictor newPredictor(SearchContext context) {
        SplittableRandom random = new SplittableRandom(context.random().nextLong());
        return (architecture, partial, epochs) -> predict(partial, epochs, random);
    }

    /** The predicted value at epoch {@code epochs} of a curve whose first values are {@code partial}. */
    static double predict(LearningCurve partial, int epochs, SplittableRandom random) {
        double[] y = partial.toArray();
        int k = y.length;
        if (k < 3) {
            return y[k - 1];
        }
        int tail = Math.max(1, k / 5);
        double end = 0;
        for (int i = k - tail; i < k; i++) {
            end += y[i] / tail;
        }
        double scale = end - y[0];
        if (Math.abs(scale) < 1e-12) {
            return end;
        }
        double[] z = new double[k];
        for (int i = 0; i < k; i++) {
            z[i] = (y[i] - y[0]) / scale;
        }
        ParametricCurve[] families = ParametricCurve.values();
        int m = families.length;
        double[][] fitted = new double[m][k];
        double[] finals = new double[m];
        for (int f = 0; f < m; f++) {
            ParametricCurve family = families[f];
            double[] start = family.start();
            double[] step = new double[start.length];
            java.util.Arrays.fill(step, 0.5);
            double[] p = NelderMead.minimise(q -> sse(family, q, z), start, step, FIT_ITERATIONS);
            boolean finite = true;
            for (int i = 0; i < k; i++) {
                fitted[f][i] = family.value(p, i + 1);
                finite &= Double.isFinite(fitted[f][i]);
            }
            double last = fitted[f][k - 1];
            double fin = family.value(p, epochs);
            // a family that runs away beyond the data is held to a plausible range
            finals[f] = finite && Double.isFinite(fin) ? Math.max(last - 1, Math.min(fin, last + 3)) : Double.NaN;
            if (!finite || Double.isNaN(finals[f])) {
                java.util.Arrays.fill(fitted[f], z[k - 1]);
                finals[f] = z[k - 1];
            }
        }
        double[] w = new double[m];
        double logSigma = Math.log(rms(z, fitted, softmax(w), k) + 1e-6);
        double current = logPosterior(z, fitted, finals, w, logSigma, k);
        double sum = 0;
        int kept = 0;
        double[] proposal = new double[m];
        for (int s = 0; s < STEPS; s++) {
            for (int f = 0; f < m; f++) {
                proposal[f] = w[f] + 0.3 * random.nextGaussian();
            }
            double sigma = logSigma + 0.1 * random.nextGaussian();
            double next = logPosterior(z, fitted, finals, proposal, sigma, k);
            if (Math.log(random.nextDouble()) < next - current) {
                System.arraycopy(proposal, 0, w, 0, m);
                logSigma = sigma;
                current = next;
            }
            if (s >= BURN_IN) {
                sum += combined(finals, softmax(w));
                kept++;
            }
        }
        return y[0] + scale * (sum / kept);
    }

    private static double sse(ParametricCurve family, double[] p, double[] z) {
        double total = 0;
        for (int i = 0; i < z.length; i++) {
            double d = family.value(p, i + 1) - z[i];
            total += d * d;
        }
        return Double.isFinite(total) ? total : Double.MAX_VALUE;
    }

    private static double[] softmax(double[] w) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : w) {
            max = Math.max(max, v);
        }
        double[] out = new double[w.length];
        double total = 0;
        for (int i = 0; i < w.length; i++) {
            out[i] = Math.exp(w[i] - max);
            total += out[i];
        }
        for (int i = 0; i < w.length; i++) {
            out[i] /= total;
        }
        return out;
    }

    private static double combined(double[] values, double[] weights) {
        double v = 0;
        for (int i = 0; i < values.length; i++) {
            v += weights[i] * values[i];
        }
        return v;
    }

    private static double rms(double[] z, double[][] fitted, double[] weights, int k) {
        double total = 0;
        for (int i = 0; i < k; i++) {
            double g = 0;
            for (int f = 0; f < weights.length; f++) {
                g += weights[f] * fitted[f][i];
            }
            total += (z[i] - g) * (z[i] - g);
        }
        return Math.sqrt(total / k);
    }

    /** Gaussian log-likelihood of the partial curve, a standard normal prior on the log-weights, and the rule. */
    private static double logPosterior(double[] z, double[][] fitted, double[] finals, double[] w, double logSigma,
                                       int k) {
        if (logSigma < -14 || logSigma > 3) {
            return Double.NEGATIVE_INFINITY;
        }
        double[] weights = softmax(w);
        double lastFit = 0;
        for (int f = 0; f < weights.length; f++) {
            lastFit += weights[f] * fitted[f][k - 1];
        }
        if (combined(finals, weights) < lastFit) {
            return Double.NEGATIVE_INFINITY;
        }
        double sigma = Math.exp(logSigma);
        double total = 0;
        for (int i = 0; i < k; i++) {
            double g = 0;
            for (int f = 0; f < weights.length; f++) {
                g += weights[f] * fitted[f][i];
            }
            double d = (z[i] - g) / sigma;
            total += d * d;
        }
        double prior = 0;
        for (double v : w) {
            prior += v * v;
        }
        return -0.5 * total - k * logSigma - 0.5 * prior;
    }
}
