package org.curvebench.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.curvebench.core.ModelInputs;
import org.curvebench.core.Progress;

/**
 * Oblivious boosting that, on small training sets, chooses its depth and learning rate on the validation rows and
 * then refits the choice on every row with the number of rounds early stopping found. Small tabular benchmarks
 * (a few hundred architectures, as NAS-Bench-NLP's) want deeper, slower trees than large ones, and cannot spare
 * their validation architectures; on large sets the first candidate is fitted as it is.
 *
 * @param candidates settings to try, the first being the one used on large sets
 * @param limit      training plus validation rows up to which candidates are compared and the choice refitted
 */
public record SmallDataSelection(List<ObliviousBoostingTrainer> candidates, int limit) implements RegressorTrainer {

    /** Rows up to which this selection applies, as {@link LightGbmTrainer#REFIT_LIMIT}. */
    public static final int DEFAULT_LIMIT = 5000;

    public SmallDataSelection {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidate settings");
        }
        candidates = List.copyOf(candidates);
    }

    /**
     * CurveBench's default regressor: {@link ObliviousBoostingTrainer#defaults()} (depth 4, rate 0.3, 150
     * rounds), or on small sets the best on the validation rows of it and of depth 6 at rate 0.1 (500 rounds),
     * depth 3 at 0.1 (1,000) and depth 5 at 0.05 (1,000): on the NAS-Bench-NLP logs this choice raised avg R2
     * from 0.856 to 0.868 with three observed epochs and from 0.044 to 0.058 without (README).
     */
    public static SmallDataSelection defaults() {
        ObliviousBoostingTrainer base = ObliviousBoostingTrainer.defaults();
        return new SmallDataSelection(List.of(base,
                base.withDepth(6).withLearningRate(0.1).withMaxRounds(500),
                base.withDepth(3).withLearningRate(0.1).withMaxRounds(1000),
                base.withDepth(5).withLearningRate(0.05).withMaxRounds(1000)), DEFAULT_LIMIT);
    }

    @Override
    public String name() {
        return ObliviousBoostingTrainer.NAME;
    }

    @Override
    public Map<String, Object> hyperparameters() {
        Map<String, Object> h = new LinkedHashMap<>(candidates.get(0).hyperparameters());
        List<Map<String, Object>> tried = new ArrayList<>();
        for (ObliviousBoostingTrainer c : candidates) {
            tried.add(Map.of("depth", c.depth(), "learning_rate", c.learningRate(), "max_rounds", c.maxRounds()));
        }
        h.put("selection_candidates", tried);
        h.put("selection_limit_rows", limit);
        return h;
    }

    @Override
    public CurveRegressor fit(ModelInputs x, double[][] y, ModelInputs xValid, double[][] yValid, long seed,
                              Progress progress) {
        return fit(x.featureMatrix(), y, xValid.featureMatrix(), yValid, seed, progress);
    }

    /** As {@link #fit(ModelInputs, double[][], ModelInputs, double[][], long, Progress)} on feature rows. */
    public ObliviousTreeRegressor fit(double[][] x, double[][] y, double[][] xValid, double[][] yValid, long seed,
                                      Progress progress) {
        if (xValid.length == 0 || x.length + xValid.length > limit) {
            return candidates.get(0).fit(x, y, xValid, yValid, seed, progress)
                    .withTraining(selected(candidates.get(0), "too many rows to select"));
        }
        ObliviousBoostingTrainer best = null;
        int bestRounds = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (int i = 0; i < candidates.size(); i++) {
            ObliviousBoostingTrainer candidate = candidates.get(i);
            ObliviousTreeRegressor model = candidate.fit(x, y, xValid, yValid, seed, progress.labelled(
                    "choosing trees: " + describe(candidate) + " (" + (i + 1) + "/" + candidates.size() + ")"));
            double loss = squaredError(model, xValid, yValid);
            if (loss < bestLoss) {
                bestLoss = loss;
                best = candidate;
                bestRounds = model.treeCount();
            }
        }
        double[][] allX = concat(x, xValid);
        double[][] allY = concat(y, yValid);
        return best.withMaxRounds(bestRounds).fit(allX, allY, new double[0][], new double[0][], seed,
                progress.labelled("refitting the chosen trees (" + describe(best) + ", " + bestRounds
                        + " rounds) on all rows"))
                .withTraining(selected(best.withMaxRounds(bestRounds), "best on validation rows, refitted on all rows"));
    }

    /** A candidate's settings as a progress label shows them: "depth 6, rate 0.1". */
    private static String describe(ObliviousBoostingTrainer t) {
        return "depth " + t.depth() + ", rate " + t.learningRate();
    }

    private static Map<String, Object> selected(ObliviousBoostingTrainer chosen, String how) {
        Map<String, Object> m = new LinkedHashMap<>(chosen.hyperparameters());
        m.put("selection", how);
        return m;
    }

    private static double squaredError(FeatureRegressor model, double[][] x, double[][] y) {
        double[] out = new double[model.outputDimension()];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            model.predict(x[i], out);
            for (int o = 0; o < out.length; o++) {
                sum += (out[o] - y[i][o]) * (out[o] - y[i][o]);
            }
        }
        return sum;
    }

    private static double[][] concat(double[][] a, double[][] b) {
        double[][] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
