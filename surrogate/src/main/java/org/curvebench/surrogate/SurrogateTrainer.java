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
import org.curvebench.models.EmbeddingFeaturesTrainer;
import org.curvebench.models.EnsembleTrainer;
import org.curvebench.models.RegressorTrainer;
import org.curvebench.models.SvdCompressor;
import org.curvebench.noise.MetricCorrelation;
import org.curvebench.noise.NoiseModel;
import org.curvebench.noise.NoiseTrainingSet;

/**
 * Fits a {@link CurveSurrogate} on a dataset: encode architectures, compress their seed-mean curves with an SVD,
 * regress the components (early stopping on a held-out share of architectures), then fit the noise model on the
 * runs' residuals; the same for every other metric asked for, and the correlation of the metrics' noise; with
 * observed epochs, also a model of the cell alone for observed values unlike the training runs'.
 */
public final class SurrogateTrainer {

    /**
     * How far beyond their training range (in widths of it) observed epochs are trusted fully, and from where the
     * model of the cell alone answers instead (see {@link CellFallback}). Chosen by measurement: the shared
     * NAS-Bench-NLP logs' own shift split reaches 1.4 ranges above its training starts, and there the observed
     * epochs still tell the most; starts like the exploding ones that other logs show lie several ranges away.
     */
    static final double TRUSTED_RANGES = 1.5;
    static final double IGNORED_RANGES = 3;

    /**
     * The share of the robust answer (the cell model's curve scaled to the last observed value) once an observed
     * value leaves the training range (see {@link CellFallback}). Measured on the NAS-Bench-NLP shift split over
     * shares 0.5 to 1: 0.7 to 0.9 give the best R²; the five random splits' figures stay as they were.
     */
    static final double ROBUST_SHARE = 0.7;

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
        EncoderSpec encoding = EncoderSpec.parse(space, config.encoder());
        if (encoding.embedding() != null && !fitsEmbedding(config.regressor(), encoding.embedding())) {
            throw new IllegalArgumentException("space '" + space.name() + "' has no encoder '" + config.encoder()
                    + "' (available: " + String.join(", ", space.encoderNames()) + "); read as a learned encoding, it "
                    + "takes '" + encoding.embedding() + "' from the regressor, and regressor '"
                    + config.regressor().name() + "' fits none: give an EmbeddingFeaturesTrainer whose embedding "
                    + "learner is '" + encoding.embedding() + "'");
        }
        Encoder encoder = encoding.featureEncoder(space);

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

        List<MetricModel> others = new ArrayList<>();
        List<List<double[][]>> metricRuns = new ArrayList<>(List.of(runs));
        List<String> names = new ArrayList<>(List.of(metric));
        for (String other : config.otherMetrics()) {
            Metrics.require(other);
            int length = data.epochs(other);
            if (length != epochs) {
                throw new IllegalArgumentException("metric '" + other + "' has curves of " + length + " epochs and '"
                        + metric + "' of " + epochs + "; the metrics of one surrogate share one length");
            }
            others.add(fitOther(other, train, valid, x, xValid, metricRuns));
            names.add(other);
        }
        MetricCorrelation correlation = MetricCorrelation.independent(1);
        if (!others.isEmpty()) {
            double[] rho = new double[others.size() + 1];
            rho[0] = autocorrelation(noise);
            for (int i = 0; i < others.size(); i++) {
                rho[i + 1] = autocorrelation(others.get(i).noise());
            }
            correlation = MetricCorrelation.measure(metricRuns).forAutocorrelations(rho);
        }

        Manifest manifest = new Manifest(Manifest.FORMAT, Manifest.FORMAT_VERSION, Manifest.CURVEBENCH_VERSION,
                space.name(), encoding.name(), metric, epochs, basis.components(), basis.centred(),
                new LearnerSpec(config.regressor().name(), config.regressor().hyperparameters(), regressor.provenance()),
                new LearnerSpec(config.noise().name(), config.noise().hyperparameters(), noise.provenance()),
                dim, observed, config.validationFraction(), data.digest(), data.size(), data.runCount(), config.seed(),
                names);
        CellFallback fallback = observed == 0 ? null : fallback(space, encoder, train, valid, x, metric, observed, graphs);
        return new CurveSurrogate(manifest, space, basis, regressor, noise, fallback, others, correlation);
    }

    /** Whether {@code trainer} fits the embedding of learner {@code embedding} (alone or as every ensemble member). */
    private static boolean fitsEmbedding(RegressorTrainer trainer, String embedding) {
        if (trainer instanceof EnsembleTrainer e) {
            return fitsEmbedding(e.member(), embedding);
        }
        return trainer instanceof EmbeddingFeaturesTrainer f && f.embedding().name().equals(embedding);
    }

    /** The lag-one autocorrelation with which a noise model carries its noise from epoch to epoch (0: none). */
    private static double autocorrelation(NoiseModel noise) {
        return noise instanceof org.curvebench.noise.SlidingWindowNoiseModel s ? s.autocorrelation() : 0;
    }

    /**
     * The model of a metric besides the primary: the SVD of its absolute mean curves, a regressor from the same
     * inputs (early stopping on the same validation architectures) and its noise model; adds its runs (train then
     * validation architectures) to {@code metricRuns}.
     */
    private MetricModel fitOther(String metric, List<ArchitectureRuns> train, List<ArchitectureRuns> valid,
                                 ModelInputs x, ModelInputs xValid, List<List<double[][]>> metricRuns) {
        Progress p = progress.prefixed(metric + ": ");
        SvdCompressor.Fit compressed = new SvdCompressor(config.components(), config.centred())
                .fit(meanCurves(train, metric, 0));
        CurveBasis basis = compressed.basis();
        double[][] yValid = new double[valid.size()][];
        for (int i = 0; i < valid.size(); i++) {
            yValid[i] = basis.encode(valid.get(i).meanCurve(metric).toArray());
        }
        CurveRegressor regressor = config.regressor().fit(x, compressed.labels(), xValid, yValid, config.seed(), p);
        List<ModelInput> noiseInputs = new ArrayList<>(train.size() + valid.size());
        List<double[][]> runs = new ArrayList<>(train.size() + valid.size());
        double[] labels = new double[basis.components()];
        for (int i = 0; i < train.size() + valid.size(); i++) {
            ModelInput f = i < x.size() ? x.get(i) : xValid.get(i - x.size());
            regressor.predict(f, labels);
            noiseInputs.add(f.withExtraFeatures(labels));
            runs.add((i < train.size() ? train.get(i) : valid.get(i - train.size())).curves(metric));
        }
        NoiseModel noise = config.noise().fit(new NoiseTrainingSet(ModelInputs.of(noiseInputs), runs), config.seed(), p);
        metricRuns.add(runs);
        return new MetricModel(metric, basis, regressor, noise);
    }

    /**
     * The model of the cell alone (absolute mean curves from the encoding, early stopping on the validation
     * architectures) and the training range of each feature derived from the observed epochs.
     */
    private CellFallback fallback(SearchSpace space, Encoder encoder, List<ArchitectureRuns> train,
                                  List<ArchitectureRuns> valid, ModelInputs x, String metric, int observed,
                                  boolean graphs) {
        int k = 2 * observed - 1;
        int d = x.dimension();
        double[] low = new double[k];
        double[] high = new double[k];
        java.util.Arrays.fill(low, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(high, Double.NEGATIVE_INFINITY);
        double[] rows = x.featureRows();
        for (int r = 0; r < x.size(); r++) {
            for (int i = 0; i < k; i++) {
                low[i] = Math.min(low[i], rows[r * d + d - k + i]);
                high[i] = Math.max(high[i], rows[r * d + d - k + i]);
            }
        }
        ModelInputs cells = inputs(space, encoder, train, metric, 0, graphs);
        ModelInputs cellsValid = inputs(space, encoder, valid, metric, 0, graphs);
        SvdCompressor.Fit compressed = new SvdCompressor(config.components(), config.centred())
                .fit(meanCurves(train, metric, 0));
        CurveBasis basis = compressed.basis();
        double[][] yValid = new double[valid.size()][];
        for (int i = 0; i < valid.size(); i++) {
            yValid[i] = basis.encode(valid.get(i).meanCurve(metric).toArray());
        }
        CurveRegressor regressor = config.regressor().fit(cells, compressed.labels(), cellsValid, yValid, config.seed(),
                progress.prefixed("cell model: "));
        return new CellFallback(basis, regressor, low, high, TRUSTED_RANGES, IGNORED_RANGES, ROBUST_SHARE);
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
