package org.curvebench.noise;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.curvebench.core.Progress;

/**
 * Fits a {@link KdeNoiseModel} on the residual curves of the training runs (at most {@code maxCurves}, chosen
 * at random with the seed).
 *
 * @param window    window of the moving average that single-seed runs are compared with
 * @param maxCurves most residual curves kept in the model
 */
public record KdeNoiseTrainer(int window, int maxCurves) implements NoiseModelTrainer {

    @Override
    public String name() {
        return KdeNoiseModel.NAME;
    }

    @Override
    public Map<String, Object> hyperparameters() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("window", window);
        h.put("max_curves", maxCurves);
        return h;
    }

    @Override
    public NoiseModel fit(NoiseTrainingSet data, long seed, Progress progress) {
        List<double[]> all = new ArrayList<>();
        for (double[][] runs : data.runs()) {
            for (double[] r : Residuals.of(runs, window)) {
                all.add(r);
            }
        }
        int[] order = SlidingWindowNoiseTrainer.shuffled(all.size(), seed);
        int n = Math.min(maxCurves, all.size());
        double[][] kept = new double[n][];
        for (int i = 0; i < n; i++) {
            kept[i] = all.get(order[i]);
        }
        int epochs = data.epochs();
        double[] bandwidth = new double[epochs];
        double factor = Math.pow(n, -0.2);
        for (int e = 0; e < epochs; e++) {
            double mean = 0;
            for (double[] r : kept) {
                mean += r[e] / n;
            }
            double ss = 0;
            for (double[] r : kept) {
                ss += (r[e] - mean) * (r[e] - mean);
            }
            bandwidth[e] = factor * Math.sqrt(ss / Math.max(1, n - 1));
        }
        return new KdeNoiseModel(kept, bandwidth);
    }
}
