package org.curvebench.models;

import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.curvebench.core.ModelInputs;
import org.curvebench.core.Progress;

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
    public Map<String, Object> hyperparameters() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("learning_rate", learningRate);
        h.put("num_leaves", numLeaves);
        h.put("max_depth", maxDepth);
        h.put("min_data_in_leaf", minDataInLeaf);
        h.put("max_rounds", maxRounds);
        h.put("early_stopping_rounds", earlyStoppingRounds);
        return h;
    }

    @Override
    public TreeEnsembleRegressor fit(ModelInputs x, double[][] y, ModelInputs xValid, double[][] yValid, long seed,
                                     Progress progress) {
        return fit(x.featureMatrix(), y, xValid.featureMatrix(), yValid, seed, progress);
    }

    /** As {@link #fit(ModelInputs, double[][], ModelInputs, double[][], long, Progress)} on feature rows. */
    public TreeEnsembleRegressor fit(double[][] x, double[][] y, double[][] xValid, double[][] yValid, long seed,
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
        boolean refit = validate && x.length + xValid.length <= REFIT_LIMIT;
        LightGbmModelText.Builder trees = new LightGbmModelText.Builder(d);
        progress.start("fitting " + k + " boosted-tree outputs", k);
        try (LGBMDataset train = LGBMDataset.createFromMat(flatten(x), x.length, d, true, params, null);
             LGBMDataset valid = validate
                     ? LGBMDataset.createFromMat(flatten(xValid), xValid.length, d, true, params, train) : null;
             LGBMDataset all = refit ? LGBMDataset.createFromMat(flatten(concat(x, xValid)), x.length + xValid.length,
                     d, true, params, null) : null) {
            for (int o = 0; o < k; o++) {
                train.setField("label", column(y, o));
                if (validate) {
                    valid.setField("label", column(yValid, o));
                }
                try (LGBMBooster booster = LGBMBooster.create(train, params)) {
                    int rounds = boost(booster, validate ? valid : null);
                    if (refit) {
                        all.setField("label", column(concat(y, yValid), o));
                        try (LGBMBooster full = LGBMBooster.create(all, params)) {
                            for (int r = 0; r < rounds && !full.updateOneIter(); r++) {
                                // the early-stopped number of rounds, now on every row
                            }
                            trees.addOutput(full.saveModelToString(0, rounds, LGBMBooster.FeatureImportanceType.SPLIT));
                        }
                    } else {
                        trees.addOutput(booster.saveModelToString(0, rounds, LGBMBooster.FeatureImportanceType.SPLIT));
                    }
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

    /**
     * Up to this many rows in all, the validation rows only choose the number of rounds, and the model is then
     * refitted on training and validation rows together: small tabular benchmarks cannot spare 10% of their
     * architectures.
     */
    static final int REFIT_LIMIT = 5000;

    private static double[][] concat(double[][] a, double[][] b) {
        double[][] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
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

    /**
     * Loads LightGBM's native library once per JVM. lightgbm4j unpacks it, when its booster class initialises,
     * under a fixed name in {@code java.io.tmpdir}, so two processes starting at once overwrite each other's
     * mapped library and the JVM dies with SIGBUS. Each process therefore unpacks into a folder of its own,
     * pointing {@code java.io.tmpdir} there only while the class initialises.
     */
    static void loadNative() {
        if (!NativeLibrary.LOADED) {
            throw new IllegalStateException("LightGBM's native library could not be loaded (" + NativeLibrary.PROBLEM
                    + "); it needs linux/macOS/windows x86_64 or linux aarch64 with libgomp (apt-get install libgomp1), "
                    + "and a writable temporary folder");
        }
    }

    /** Initialised on first use: the JVM runs this exactly once, whatever the threads. */
    private static final class NativeLibrary {
        static final boolean LOADED;
        static final String PROBLEM;

        static {
            String tmp = System.getProperty("java.io.tmpdir");
            String problem = "";
            boolean loaded = false;
            try {
                java.nio.file.Path own = java.nio.file.Files.createTempDirectory("curvebench-lightgbm-");
                own.toFile().deleteOnExit();
                System.setProperty("java.io.tmpdir", own.toString());
                try {
                    Class.forName(LGBMBooster.class.getName(), true, LightGbmTrainer.class.getClassLoader());
                    LGBMBooster.loadNative();
                    loaded = LGBMBooster.isNativeLoaded();
                } finally {
                    System.setProperty("java.io.tmpdir", tmp);
                    try (var files = java.nio.file.Files.list(own)) {
                        files.forEach(f -> f.toFile().deleteOnExit());
                    }
                }
            } catch (IOException | ClassNotFoundException | LinkageError e) {
                problem = e.toString();
            }
            LOADED = loaded;
            PROBLEM = problem;
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
