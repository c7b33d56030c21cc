package org.curvebench.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.curvebench.core.ModelInput;
import org.curvebench.core.ModelInputs;
import org.curvebench.core.Progress;
import org.junit.jupiter.api.Test;

/**
 * Trees on features and a learned encoding: the encoding of a training row comes from a network that never saw it,
 * so an encoding learner that only remembers its training rows cannot mislead the trees.
 */
class EmbeddingFeaturesTrainerTest {

    /** Remembers the labels of the rows it was fitted on and answers zeros for any other row: pure memory. */
    record Memoriser(List<Set<String>> seen) implements RegressorTrainer {

        @Override
        public String name() {
            return "memory";
        }

        @Override
        public Map<String, Object> hyperparameters() {
            return Map.of();
        }

        @Override
        public CurveRegressor fit(ModelInputs x, double[][] y, ModelInputs xValid, double[][] yValid, long seed,
                                  Progress progress) {
            Map<String, double[]> memory = new HashMap<>();
            for (int i = 0; i < x.size(); i++) {
                memory.put(Arrays.toString(x.get(i).featuresView()), y[i].clone());
            }
            seen.add(new HashSet<>(memory.keySet()));
            int d = x.dimension();
            int k = y[0].length;
            return new CurveRegressor() {
                @Override
                public int inputDimension() {
                    return d;
                }

                @Override
                public int outputDimension() {
                    return k;
                }

                @Override
                public void predict(ModelInput input, double[] out) {
                    double[] m = memory.get(Arrays.toString(input.featuresView()));
                    for (int o = 0; o < k; o++) {
                        out[o] = m == null ? 0 : m[o];
                    }
                }
            };
        }
    }

    private static double[][] rows(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][3];
        for (double[] row : x) {
            for (int j = 0; j < 3; j++) {
                row[j] = r.nextDouble();
            }
        }
        return x;
    }

    private static double[][] labels(double[][] x, long seed) {
        SplittableRandom noise = new SplittableRandom(seed);
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = new double[] {Math.sin(4 * x[i][0]) + x[i][1] + 0.3 * noise.nextGaussian(), x[i][2] * x[i][2]};
        }
        return y;
    }

    private static double testError(CurveRegressor r, double[][] x, double[][] y) {
        double sum = 0;
        double[] out = new double[2];
        for (int i = 0; i < x.length; i++) {
            r.predict(ModelInput.ofFeatures(x[i]), out);
            sum += (out[0] - y[i][0]) * (out[0] - y[i][0]) + (out[1] - y[i][1]) * (out[1] - y[i][1]);
        }
        return sum / x.length;
    }

    @Test
    void aNetworkThatOnlyRemembersCannotMisleadTheTrees() {
        double[][] x = rows(400, 1);
        double[][] y = labels(x, 11);
        double[][] xv = rows(60, 2);
        double[][] yv = labels(xv, 12);
        double[][] xt = rows(200, 3);
        double[][] yt = labels(xt, 13);
        RegressorTrainer trees = ObliviousBoostingTrainer.defaults().withMaxRounds(60);
        List<Set<String>> seen = new ArrayList<>();
        EmbeddingFeaturesTrainer t = new EmbeddingFeaturesTrainer(new Memoriser(seen), trees, 3);
        EmbeddingFeaturesRegressor both = (EmbeddingFeaturesRegressor) t.fit(ModelInputs.ofFeatureMatrix(x), y,
                ModelInputs.ofFeatureMatrix(xv), yv, 5, Progress.NONE);
        CurveRegressor alone = trees.fit(ModelInputs.ofFeatureMatrix(x), y, ModelInputs.ofFeatureMatrix(xv), yv, 5,
                Progress.NONE);

        assertEquals(3, seen.size());
        Set<String> heldOutSomewhere = new HashSet<>();
        for (Set<String> s : seen) {
            assertTrue(Math.abs(s.size() - 400 * 2 / 3.0) <= 1, "each network sees two folds of three: " + s.size());
            for (double[] row : x) {
                if (!s.contains(Arrays.toString(row))) {
                    heldOutSomewhere.add(Arrays.toString(row));
                }
            }
        }
        assertEquals(400, heldOutSomewhere.size(), "every training row is encoded by a network that never saw it");
        double withMemory = testError(both, xt, yt);
        double features = testError(alone, xt, yt);
        assertTrue(withMemory < 1.15 * features, "trees on remembered encodings " + withMemory
                + " against the features alone " + features);
        assertTrue(!both.encodes() && both.networks().isEmpty(), "validation drops an encoding of zeros");
        assertEquals(false, both.provenance().get("encoding_kept"));
        assertEquals(3, both.inputDimension());
        assertEquals("oblivious", t.name());
        assertEquals("memory", ((Map<?, ?>) t.hyperparameters().get("embedding")).get("learner"));
    }

    /** Least squares from the first observed value (what the features lack) to each label. */
    record ReadsObserved() implements RegressorTrainer {

        @Override
        public String name() {
            return "observed";
        }

        @Override
        public Map<String, Object> hyperparameters() {
            return Map.of();
        }

        @Override
        public CurveRegressor fit(ModelInputs x, double[][] y, ModelInputs xValid, double[][] yValid, long seed,
                                  Progress progress) {
            int k = y[0].length;
            int n = x.size();
            double[] slope = new double[k];
            double[] intercept = new double[k];
            double mz = 0;
            for (int i = 0; i < n; i++) {
                mz += x.get(i).observed()[0] / n;
            }
            for (int o = 0; o < k; o++) {
                double my = 0;
                for (double[] row : y) {
                    my += row[o] / n;
                }
                double sxy = 0;
                double sxx = 0;
                for (int i = 0; i < n; i++) {
                    double z = x.get(i).observed()[0] - mz;
                    sxy += z * (y[i][o] - my);
                    sxx += z * z;
                }
                slope[o] = sxy / sxx;
                intercept[o] = my - slope[o] * mz;
            }
            int d = x.dimension();
            return new CurveRegressor() {
                @Override
                public int inputDimension() {
                    return d;
                }

                @Override
                public int outputDimension() {
                    return k;
                }

                @Override
                public void predict(ModelInput input, double[] out) {
                    for (int o = 0; o < k; o++) {
                        out[o] = intercept[o] + slope[o] * input.observed()[0];
                    }
                }
            };
        }
    }

    private static ModelInputs withHidden(double[][] x, double[] hidden) {
        List<ModelInput> rows = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            rows.add(ModelInput.of(x[i], null, new double[] {hidden[i]}));
        }
        return ModelInputs.of(rows);
    }

    @Test
    void anEncodingThatKnowsMoreThanTheFeaturesIsKept() {
        SplittableRandom r = new SplittableRandom(21);
        double[][] x = rows(300, 8);
        double[] hidden = new double[300];
        double[][] y = new double[300][];
        for (int i = 0; i < 300; i++) {
            hidden[i] = r.nextDouble();
            y[i] = new double[] {x[i][0] + 3 * hidden[i], -2 * hidden[i]};
        }
        double[][] xv = rows(40, 9);
        double[] hv = new double[40];
        double[][] yv = new double[40][];
        for (int i = 0; i < 40; i++) {
            hv[i] = r.nextDouble();
            yv[i] = new double[] {xv[i][0] + 3 * hv[i], -2 * hv[i]};
        }
        EmbeddingFeaturesTrainer t = new EmbeddingFeaturesTrainer(new ReadsObserved(),
                ObliviousBoostingTrainer.defaults().withMaxRounds(60), 3);
        EmbeddingFeaturesRegressor fitted = (EmbeddingFeaturesRegressor) t.fit(withHidden(x, hidden), y,
                withHidden(xv, hv), yv, 3, Progress.NONE);
        assertTrue(fitted.encodes());
        assertEquals(3, fitted.networks().size());
        assertTrue((double) fitted.provenance().get("validation_mse_with_encoding")
                < 0.5 * (double) fitted.provenance().get("validation_mse_without_encoding"), fitted.provenance().toString());
        double[] out = new double[2];
        fitted.predict(ModelInput.of(new double[] {0.5, 0.5, 0.5}, null, new double[] {0.9}), out);
        assertEquals(0.5 + 2.7, out[0], 0.3);
        assertEquals(-1.8, out[1], 0.3);
    }

    @Test
    void batchesAgreeWithSingleRowsAndSeedsRepeat() {
        double[][] x = rows(200, 4);
        double[][] y = labels(x, 14);
        double[][] xv = rows(30, 5);
        EmbeddingFeaturesTrainer t = new EmbeddingFeaturesTrainer(ObliviousBoostingTrainer.defaults().withMaxRounds(20),
                ObliviousBoostingTrainer.defaults().withMaxRounds(20), 2);
        CurveRegressor once = t.fit(ModelInputs.ofFeatureMatrix(x), y, ModelInputs.ofFeatureMatrix(xv), labels(xv, 15), 9,
                Progress.NONE);
        CurveRegressor again = t.fit(ModelInputs.ofFeatureMatrix(x), y, ModelInputs.ofFeatureMatrix(xv), labels(xv, 15), 9,
                Progress.NONE);
        double[][] probe = rows(25, 6);
        double[] batch = new double[probe.length * 2];
        once.predictBatch(ModelInputs.ofFeatureMatrix(probe), batch);
        for (int i = 0; i < probe.length; i++) {
            double[] one = new double[2];
            double[] twice = new double[2];
            once.predict(ModelInput.ofFeatures(probe[i]), one);
            again.predict(ModelInput.ofFeatures(probe[i]), twice);
            assertArrayEquals(one, new double[] {batch[2 * i], batch[2 * i + 1]}, 1e-12);
            assertArrayEquals(one, twice, 0.0);
        }
    }

    @Test
    void tooFewRowsForTheFoldsFailSayingSo() {
        double[][] x = rows(5, 7);
        EmbeddingFeaturesTrainer t = new EmbeddingFeaturesTrainer(ObliviousBoostingTrainer.defaults(),
                ObliviousBoostingTrainer.defaults(), 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fit(
                ModelInputs.ofFeatureMatrix(x), labels(x, 1), ModelInputs.ofFeatureMatrix(rows(0, 1)), new double[0][],
                1, Progress.NONE));
        assertTrue(e.getMessage().contains("at least 6"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EmbeddingFeaturesTrainer(t, t, 1));
    }
}
