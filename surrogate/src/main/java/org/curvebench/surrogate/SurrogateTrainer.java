package org.curvebench.surrogate;

import java.util.ArrayList;
import org.curvebench.core.ModelInput;
import org.curvebench.core.ModelInputs;
import java.util.List;
import java.util.function.Consumer;
import org.curvebench.datasets.ArchitectureRuns;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.datasets.DatasetSplit;
import org.curvebench.datasets.Metrics;
import org.curvebench.core.Progress;
import org.curvebench.encoding.Encoder;
import org.curvebench.encoding.SearchSpace;
import org.curvebench.models.CurveBasis;
import org.curvebench.models.CurveRegressor;
import org.curvebench.models.SvdCompressor;
import org.curvebench.noise.NoiseModel;
import org.curvebench.noise.NoiseTrainingSet;

/**
 * Fits a {@link CurveSurrogate} on a dataset: encode architectures, compress their seed-mean curves with an SVD,
 * regress the components (early stopping on a held-out share of architectures), then fit the noise model on the
 * runs' residuals.
 */
public final class SurrogateTrainer {

    private final SurrogateConfig config;
    private final Progress progress;
    private final Consumer<String> warnings;

    public SurrogateTrainer(SurrogateConfig config, Progress progress, Consumer<String> warnings) {
        this.config = config;
        this.progress = progress;
        this.warnings = warnings;
    }

    public CurveSurrogate fit(CurveDataset data) {
        String metric = Metrics.require(config.metric());
        SearchSpace space = data.space();
        int epochs = data.epochs(metric);
        if (data.size() < 3) {
            throw new IllegalArgumentException("a surrogate needs at least 3 architectures; the data has " + data.size());
        }
        Encoder encoder = config.encoder() == null ? space.defaultEncoder() : space.encoder(config.encoder());

        DatasetSplit split = DatasetSplit.of(data, 1 - config.validationFraction(), config.validationFraction(), config.seed());
        List<ArchitectureRuns> train = split.train().architectures();
        List<ArchitectureRuns> valid = split.validation().architectures();
        int observed = config.observedEpochs();
        if (observed >= epochs) {
            throw new IllegalArgumentException(observed + " observed epochs leave nothing to predict: the curves have "
                    + epochs + " epochs");
        }
        boolean graphs = config.regressor().readsGraphs();
        ModelInputs x = inputs(space, encoder, train, metric, observed, graphs);
        ModelInputs xValid = inputs(space, encoder, valid, metric, observed, graphs);
        int dim = x.dimension();

        SvdCompressor.Fit compressed = new SvdCompressor(config.components(), config.centred())
                .fit(meanCurves(train, metric, observed));
        CurveBasis basis = compressed.basis();
        if (basis.components() < config.components()) {
            warnings.accept("using " + basis.components() + " SVD components instead of " + config.components()
                    + ": the " + train.size() + " training curves of " + epochs + " epochs span no more");
        }
        double[][] yValid = new double[valid.size()][];
        for (int i = 0; i < valid.size(); i++) {
            yValid[i] = basis.encode(relative(valid.get(i).meanCurve(metric).toArray(), observed));
        }
        CurveRegressor regressor = config.regressor().fit(x, compressed.labels(), xValid, yValid, config.seed(), progress);

        List<ArchitectureRuns> all = new ArrayList<>(train);
        all.addAll(valid);
        List<ModelInput> noiseInputs = new ArrayList<>(all.size());
        List<double[][]> runs = new ArrayList<>(all.size());
        double[] labels = new double[basis.components()];
        for (int i = 0; i < all.size(); i++) {
            ModelInput f = i < x.size() ? x.get(i) : xValid.get(i - x.size());
            regressor.predict(f, labels);
            noiseInputs.add(f.withExtraFeatures(labels));
            runs.add(all.get(i).curves(metric));
        }
        NoiseModel noise = config.noise().fit(new NoiseTrainingSet(ModelInputs.of(noiseInputs), runs), config.seed(),
                progress);

        Manifest manifest = new Manifest(Manifest.FORMAT, Manifest.FORMAT_VERSION, Manifest.CURVEBENCH_VERSION,
                space.name(), encoder.name(), metric, epochs, basis.components(), basis.centred(),
                new LearnerSpec(config.regressor().name(), config.regressor().hyperparameters(), regressor.provenance()),
                new LearnerSpec(config.noise().name(), config.noise().hyperparameters(), noise.provenance()),
                dim, observed, config.validationFraction(), data.digest(), data.size(), data.runCount(), config.seed());
        return new CurveSurrogate(manifest, space, basis, regressor, noise);
    }

    /**
     * The model inputs of the architectures: encodings followed by the features of the first {@code observed}
     * epochs of the mean curve, the cell graph where the space has one and the regressor reads it, and the observed
     * values.
     */
    private static ModelInputs inputs(SearchSpace space, Encoder encoder, List<ArchitectureRuns> archs, String metric,
                                      int observed, boolean graphs) {
        List<ModelInput> x = new ArrayList<>(archs.size());
        for (int i = 0; i < archs.size(); i++) {
            double[] head = observed == 0 ? new double[0] : archs.get(i).meanCurve(metric).head(observed).toArray();
            double[] f = CurveSurrogate.withObserved(encoder.encode(archs.get(i).architecture()), head);
            if (i > 0 && f.length != x.get(0).dimension()) {
                throw new IllegalArgumentException("architectures encode to different lengths: " + x.get(0).dimension()
                        + " and " + f.length + " (" + archs.get(i).key() + ")");
            }
            x.add(ModelInput.of(f, graphs ? space.graph(archs.get(i).architecture()).orElse(null) : null, head));
        }
        return ModelInputs.of(x);
    }

    /** The mean curves, relative to their last observed epoch when the surrogate observes some. */
    private static double[][] meanCurves(List<ArchitectureRuns> archs, String metric, int observed) {
        double[][] y = new double[archs.size()][];
        for (int i = 0; i < y.length; i++) {
            y[i] = relative(archs.get(i).meanCurve(metric).toArray(), observed);
        }
        return y;
    }

    /** The curve minus its value at the last observed epoch (unchanged when nothing is observed). */
    private static double[] relative(double[] curve, int observed) {
        if (observed > 0) {
            double level = curve[observed - 1];
            for (int e = 0; e < curve.length; e++) {
                curve[e] -= level;
            }
        }
        return curve;
    }
}
