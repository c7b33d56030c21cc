package org.curvebench.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.curvebench.core.ModelInput;
import org.curvebench.core.ModelInputs;
import org.curvebench.core.Progress;

/**
 * Fits an {@link EmbeddingFeaturesRegressor}: a learned encoding of each architecture (a GIN's reading of its cell
 * graph, in the coordinates of the curve's components) appended to its features, and a regressor of features (the
 * trees) on the result.
 *
 * <p>The encoding of a training architecture must be as good as that of an architecture never seen, or the trees
 * learn to trust it blindly: a GIN's pooled graph vector, fed to the trees for the very cells it was fitted on,
 * carried their curves by heart, and the trees on it fell to a test R² of 0.22 where the features alone reach 0.89
 * (README, "GIN encodings for the trees"). So the training architectures are cut into {@code folds} folds; the
 * encoding learner is fitted once per fold on the others, encodes that fold's architectures out of fold, and the
 * trees are fitted on every training architecture. A query is answered by the trees once per fold network, each
 * encoding it as it encoded its own fold (the mean of the networks instead is a smoother encoding than the trees
 * learned from, and lost R²), and the answers averaged; a validation architecture is encoded by one network. Every
 * fit stops early on the same validation architectures. Deterministic for a seed.
 *
 * <p>Where the architectures also have features, trees are also fitted on the features alone, and the encoding is
 * kept only where it answers the validation architectures better, each answered as a query would be: on a few dozen
 * cells (the EC-NAS runs) the networks' encodings misled the trees, which on their features alone did much better.
 * (Cross-validating on the folds instead was biased against the encoding: a fold's cells are encoded by one network
 * whose own offsets the trees never saw, where a query is answered by all.) The choice and both errors are in the
 * fitted model's provenance.
 *
 * <p>Its name is the feature learner's; the encoding learner's name, settings and folds are among its
 * hyperparameters.
 *
 * @param embedding fits the encoding networks (e.g. {@code gin})
 * @param features  fits the regressor on features and encodings (the trees)
 * @param folds     out-of-fold encoding folds, at least 2
 */
public record EmbeddingFeaturesTrainer(RegressorTrainer embedding, RegressorTrainer features, int folds)
        implements RegressorTrainer {

    /** Folds unless told otherwise: each network sees two thirds of the training architectures. */
    public static final int DEFAULT_FOLDS = 3;

    public EmbeddingFeaturesTrainer {
        if (folds < 2) {
            throw new IllegalArgumentException("out-of-fold encodings need at least 2 folds, got " + folds);
        }
        embedding = embedding.forEncoding();
    }

    public EmbeddingFeaturesTrainer(RegressorTrainer embedding, RegressorTrainer features) {
        this(embedding, features, DEFAULT_FOLDS);
    }

    @Override
    public String name() {
        return features.name();
    }

    @Override
    public Map<String, Object> hyperparameters() {
        Map<String, Object> h = new LinkedHashMap<>(features.hyperparameters());
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("learner", embedding.name());
        e.put("folds", folds);
        e.putAll(embedding.hyperparameters());
        h.put("embedding", e);
        return h;
    }

    @Override
    public boolean readsGraphs() {
        return embedding.readsGraphs() || features.readsGraphs();
    }

    @Override
    public CurveRegressor fit(ModelInputs x, double[][] y, ModelInputs xValid, double[][] yValid, long seed,
                              Progress progress) {
        int n = x.size();
        if (n < 2 * folds) {
            throw new IllegalArgumentException("out-of-fold encodings in " + folds + " folds need at least "
                    + 2 * folds + " training architectures; there are " + n);
        }
        int k = y[0].length;
        SplittableRandom random = new SplittableRandom(seed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] fold = new int[n];
        for (int p = 0; p < n; p++) {
            fold[order[p]] = p % folds;
        }
        double[][] encoded = new double[n][];
        List<CurveRegressor> networks = new ArrayList<>(folds);
        for (int f = 0; f < folds; f++) {
            List<ModelInput> rows = new ArrayList<>();
            List<double[]> labels = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (fold[i] != f) {
                    rows.add(x.get(i));
                    labels.add(y[i]);
                }
            }
            CurveRegressor network = embedding.fit(ModelInputs.of(rows), labels.toArray(new double[0][]), xValid,
                    yValid, random.nextLong(), progress.prefixed(embedding.name() + " " + (f + 1) + "/" + folds + ": "));
            if (network.outputDimension() != k) {
                throw new IllegalStateException("the encoding network predicts " + network.outputDimension()
                        + " values for " + k + " components");
            }
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    encoded[i] = new double[k];
                    network.predict(x.get(i), encoded[i]);
                }
            }
            networks.add(network);
        }
        // a validation architecture, like a query, is read by one network that never saw it
        double[][] validEncodings = new double[xValid.size()][k];
        for (int i = 0; i < xValid.size(); i++) {
            networks.get(i % folds).predict(xValid.get(i), validEncodings[i]);
        }
        ModelInputs validEncoded = xValid.size() == 0
                ? ModelInputs.ofFeatureRows(new double[0], 0, xValid.dimension() + k)
                : xValid.withExtraFeatures(validEncodings);
        ModelInputs xEncoded = x.withExtraFeatures(encoded);
        EmbeddingFeaturesRegressor with = new EmbeddingFeaturesRegressor(networks, features.fit(xEncoded, y,
                validEncoded, yValid, seed, progress.prefixed(features.name() + ": ")), null);
        if (x.dimension() == 0 || xValid.size() == 0) {
            return with;
        }
        CurveRegressor without = features.fit(x, y, xValid, yValid, seed,
                progress.prefixed(features.name() + " without the encoding: "));
        EmbeddingFeaturesRegressor.Selection errors = new EmbeddingFeaturesRegressor.Selection(
                meanSquaredError(with, xValid, yValid), meanSquaredError(without, xValid, yValid));
        return errors.withoutEncoding() <= errors.withEncoding()
                ? new EmbeddingFeaturesRegressor(List.of(), without, errors)
                : new EmbeddingFeaturesRegressor(networks, with.features(), errors);
    }

    /** The mean squared error of the components (the curves' squared error, the basis being orthonormal). */
    private static double meanSquaredError(CurveRegressor r, ModelInputs x, double[][] y) {
        int k = y[0].length;
        double[] out = new double[x.size() * k];
        r.predictBatch(x, out);
        double sum = 0;
        for (int i = 0; i < x.size(); i++) {
            for (int o = 0; o < k; o++) {
                double d = out[i * k + o] - y[i][o];
                sum += d * d;
            }
        }
        return sum / x.size();
    }
}
