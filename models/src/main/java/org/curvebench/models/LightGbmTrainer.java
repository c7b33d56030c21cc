package org.curvebench.models;

import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.io.IOException;
import java.util.Locale;
import org.curvebench.datasets.Progress;

/**
 * Gradient-boosted trees fitted with LightGBM (through lightgbm4j), one booster per output, with early
 * stopping on the validation rows; the result is converted to a plain-Java {@link TreeEnsembleRegressor} so
 * that serving needs no native code.
 *
 * @param learningRate          shrinkage per tree
 * @param numLeaves             leaves per tree
 * @param maxDepth              deepest split; at most {@value CompleteTrees#MAX_DEPTH} keeps the fast
 *                              branch-free query layout
 * @param minDataInLeaf         smallest leaf (lowered automatically for small training sets)
 * @param maxRounds             most trees per output
 * @param earlyStoppingRounds   stop after this many rounds without a better validation loss
 * @param threads               LightGBM threads (results are deterministic for any count)
 */
public record LightGbmTrainer(double learningRate, int numLeaves, int maxDepth, int minDataInLeaf, int maxRounds,
                              int earlyStoppingRounds, int threads) implements RegressorTrainer {

    public static final String NAME = "lightgbm";

    /** The defaults, chosen by measurement on the simulated and real data (see README). */
    public static LightGbmTrainer defaults() {
        return new LightGbmTrainer(0.1, 31, 8, 20, 2000, 50, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    public LightGbmTrainer withMaxRounds(int rounds) {
        return new LightGbmTrainer(learningRate, numLeaves, maxDepth, minDataInLeaf, rounds, earlyStoppingRounds, threads);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CurveRegressor fit(double[][] x, double[][] y, double[][] xValid, double[][] yValid, long seed,
                              Progress progress) {
        if (x.length == 0) {
            throw new IllegalArgumentException("no training rows");
        }
        loadNative();
        int d = x[0].length;
        int k = y[0].length;
        int minLeaf = Math.max(1, Math.min(minDataInLeaf, x.length / 10));
        String params = String.format(Locale.ROOT,
                "objective=regression metric=l2 learning_rate=%s num_leaves=%d max_depth=%d min_data_in_leaf=%d "
                        + "min_data_in_bin=1 max_bin=255 feature_pre_filter=false deterministic=true "
                        + "force_row_wise=true num_threads=%d seed=%d verbosity=-1",
                learningRate, numLeaves, maxDepth, minLeaf, threads, seed);
        boolean validate = xValid.length > 0;
        LightGbmModelText.Builder trees = new LightGbmModelText.Builder(d);
        progress.start("fitting " + k + " boosted-tree outputs", k);
        try (LGBMDataset train = LGBMDataset.createFromMat(flatten(x), x.length, d, true, params, null);
             LGBMDataset valid = validate
                     ? LGBMDataset.createFromMat(flatten(xValid), xValid.length, d, true, params, train) : null) {
            for (int o = 0; o < k; o++) {
                train.setField("label", column(y, o));
                if (validate) {
                    valid.setField("label", column(yValid, o));
                }
                try (LGBMBooster booster = LGBMBooster.create(train, params)) {
                    int rounds = boost(booster, validate ? valid : null);
                    trees.addOutput(booster.saveModelToString(0, rounds, LGBMBooster.FeatureImportanceType.SPLIT));
                }
                progress.advance(1);
            }
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM failed: " + e.getMessage(), e);
        } finally {
            progress.done();
        }
        return trees.build();
    }

    /** Boosts until {@code maxRounds} or early stopping; returns the number of trees to keep. */
    private int boost(LGBMBooster booster, LGBMDataset valid) throws LGBMException {
        if (valid != null) {
            booster.addValidData(valid);
        }
        double best = Double.POSITIVE_INFINITY;
        int bestRounds = 0;
        for (int round = 1; round <= maxRounds; round++) {
            if (booster.updateOneIter()) {
                return valid == null ? round : Math.max(1, bestRounds);
            }
            if (valid == null) {
                continue;
            }
            double loss = booster.getEval(1)[0];
            if (loss < best - 1e-12) {
                best = loss;
                bestRounds = round;
            } else if (round - bestRounds >= earlyStoppingRounds) {
                break;
            }
        }
        return valid == null ? maxRounds : Math.max(1, bestRounds);
    }

    private static void loadNative() {
        try {
            LGBMBooster.loadNative();
        } catch (IOException | UnsatisfiedLinkError e) {
            throw new IllegalStateException("LightGBM's native library could not be loaded (" + e.getMessage()
                    + "); it needs linux/macOS/windows x86_64 or linux aarch64 with libgomp (apt-get install libgomp1), "
                    + "and a writable java.io.tmpdir", e);
        }
    }

    private static double[] flatten(double[][] rows) {
        int d = rows[0].length;
        double[] flat = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " features, expected " + d);
            }
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        return flat;
    }

    private static float[] column(double[][] y, int o) {
        float[] c = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            c[i] = (float) y[i][o];
        }
        return c;
    }
}
