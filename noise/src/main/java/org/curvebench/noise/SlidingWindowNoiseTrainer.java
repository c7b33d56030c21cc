package org.curvebench.noise;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.SplittableRandom;
import org.curvebench.core.ModelInputs;
import org.curvebench.core.Progress;
import org.curvebench.models.RegressorTrainer;
import org.curvebench.models.SvdCompressor;

/**
 * Fits a {@link SlidingWindowNoiseModel}: windowed residual spreads per architecture, their logs compressed with
 * an SVD of {@code components} components and regressed on the architecture input with {@code regressor}.
 *
 * @param window     odd window width in epochs (default 9)
 * @param components SVD components of the log-spread curves
 * @param regressor  learns input -> components
 */
public record SlidingWindowNoiseTrainer(int window, int components, RegressorTrainer regressor)
        implements NoiseModelTrainer {

    /** Residuals beyond this many spreads count as spikes. */
    public static final double SPIKE_Z = 4.0;
    /** P(|z| > 4) of a standard normal: what is not a spike. */
    private static final double GAUSSIAN_TAIL = 6.334e-5;
    private static final int MAX_SPIKES = 500;

    public SlidingWindowNoiseTrainer {
        if (window < 1 || window % 2 == 0) {
            throw new IllegalArgumentException("the noise window must be a positive odd number of epochs, got " + window);
        }
    }

    @Override
    public String name() {
        return SlidingWindowNoiseModel.NAME;
    }

    @Override
    public Map<String, Object> hyperparameters() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("window", window);
        h.put("sigma_components", components);
        h.put("spread_regressor", regressor.name());
        h.put("spread_regressor_settings", regressor.hyperparameters());
        return h;
    }

    @Override
    public NoiseModel fit(NoiseTrainingSet data, long seed, Progress progress) {
        int archs = data.inputs().size();
        int epochs = data.epochs();
        double[][] spread = new double[archs][];
        double positiveSum = 0;
        int positive = 0;
        double lagSum = 0;
        double zeroSum = 0;
        long values = 0;
        List<Double> spikes = new ArrayList<>();
        for (int a = 0; a < archs; a++) {
            double[][] runs = data.runs().get(a);
            double[][] r = Residuals.of(runs, window);
            spread[a] = Residuals.windowSpread(r, window);
            double[] previous = new double[r.length];
            Arrays.fill(previous, Double.NaN);
            for (int e = 0; e < epochs; e++) {
                double s = spread[a][e];
                if (s <= 0) {
                    Arrays.fill(previous, Double.NaN);
                    continue;
                }
                values += r.length;
                int extreme = 0;
                for (int i = 1; i < r.length; i++) {
                    if (Math.abs(r[i][e]) > Math.abs(r[extreme][e])) {
                        extreme = i;
                    }
                }
                if (Math.abs(r[extreme][e]) / s > SPIKE_Z) {
                    spikes.add(spikeSize(runs, r, extreme, e) / s);
                    Arrays.fill(previous, Double.NaN);
                    continue;
                }
                for (int i = 0; i < r.length; i++) {
                    double z = r[i][e] / s;
                    zeroSum += z * z;
                    if (!Double.isNaN(previous[i])) {
                        lagSum += z * previous[i];
                    }
                    previous[i] = z;
                }
            }
            for (double s : spread[a]) {
                if (s > 0) {
                    positiveSum += s;
                    positive++;
                }
            }
        }
        double floor = positive == 0 ? 1e-9 : 1e-3 * positiveSum / positive;
        double[][] logSpread = new double[archs][epochs];
        for (int a = 0; a < archs; a++) {
            for (int e = 0; e < epochs; e++) {
                logSpread[a][e] = Math.log(Math.max(spread[a][e], floor));
            }
        }
        double rho = zeroSum > 0 ? Math.max(-0.95, Math.min(0.95, lagSum / zeroSum)) : 0;
        double spikeProbability = values == 0 ? 0 : Math.max(0, (double) spikes.size() / values - GAUSSIAN_TAIL);
        double[] spikeValues = sample(spikes, seed);

        SvdCompressor.Fit compressed = new SvdCompressor(components, true).fit(logSpread);
        int[] order = shuffled(archs, seed);
        int nValid = archs >= 20 ? archs / 10 : 0;
        List<org.curvebench.core.ModelInput> x = new ArrayList<>(archs - nValid);
        double[][] y = new double[archs - nValid][];
        List<org.curvebench.core.ModelInput> xv = new ArrayList<>(nValid);
        double[][] yv = new double[nValid][];
        for (int i = 0; i < archs; i++) {
            int a = order[i];
            if (i < nValid) {
                xv.add(data.inputs().get(a));
                yv[i] = compressed.labels()[a];
            } else {
                x.add(data.inputs().get(a));
                y[i - nValid] = compressed.labels()[a];
            }
        }
        var fitted = regressor.fit(ModelInputs.of(x), y, ModelInputs.of(xv), yv, seed, progress.prefixed("noise model: "));
        return new SlidingWindowNoiseModel(window, compressed.basis(), fitted, rho, spikeProbability, spikeValues);
    }

    /**
     * The size of a spike in run {@code i} at epoch {@code e}: its distance from the mean of the other runs (a
     * spike in one seed also moves the seed mean, so its echo in the other runs is not counted as a spike), or
     * its residual when the architecture has one run.
     */
    private static double spikeSize(double[][] runs, double[][] residuals, int i, int e) {
        if (runs.length < 2) {
            return residuals[i][e];
        }
        double others = 0;
        for (int j = 0; j < runs.length; j++) {
            if (j != i) {
                others += runs[j][e] / (runs.length - 1);
            }
        }
        return runs[i][e] - others;
    }

    private static double[] sample(List<Double> spikes, long seed) {
        double[] all = spikes.stream().mapToDouble(Double::doubleValue).toArray();
        if (all.length <= MAX_SPIKES) {
            return all;
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0x5EEDL);
        for (int i = all.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, MAX_SPIKES);
    }

    static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
