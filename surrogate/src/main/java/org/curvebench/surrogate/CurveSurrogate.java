package org.curvebench.surrogate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.curvebench.core.CellGraph;
import org.curvebench.core.LearningCurve;
import org.curvebench.core.ModelInput;
import org.curvebench.core.ModelInputs;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.Encoder;
import org.curvebench.encoding.InvalidArchitectureException;
import org.curvebench.encoding.SearchSpace;
import org.curvebench.models.CurveBasis;
import org.curvebench.models.CurveRegressor;
import org.curvebench.noise.MetricCorrelation;
import org.curvebench.noise.NoiseModel;

/**
 * The assembled surrogate: space -> {@link ModelInput} -> regressor -> SVD decode for the mean curve, plus a noise
 * model for seeded noisy curves. Immutable; every query works on its own small buffers, so one instance serves
 * many threads.
 */
public final class CurveSurrogate implements SurrogateBenchmark {

    /** Rows per parallel task of a large batch. */
    private static final int CHUNK = 2048;

    private final Manifest manifest;
    private final SearchSpace space;
    private final Encoder encoder;
    private final CurveBasis basis;
    private final CurveRegressor regressor;
    private final NoiseModel noise;
    private final CellFallback fallback;
    private final List<MetricModel> others;
    private final MetricCorrelation correlation;
    private final boolean graphs;

    /** A surrogate of one metric that trusts observed epochs whatever their values (as files before fallbacks). */
    public CurveSurrogate(Manifest manifest, SearchSpace space, CurveBasis basis, CurveRegressor regressor,
                          NoiseModel noise) {
        this(manifest, space, basis, regressor, noise, null, List.of(), MetricCorrelation.independent(1));
    }

    /**
     * A surrogate of the primary metric ({@code basis}, {@code regressor}, {@code noise}; with observed epochs,
     * {@code fallback} the model of the cell alone that takes over from observed values unlike the training runs',
     * or null to trust them always) and of {@code others}, whose noise is drawn jointly with the primary's with
     * {@code correlation} (over the primary followed by the others, in order).
     */
    public CurveSurrogate(Manifest manifest, SearchSpace space, CurveBasis basis, CurveRegressor regressor,
                          NoiseModel noise, CellFallback fallback, List<MetricModel> others,
                          MetricCorrelation correlation) {
        if (!space.name().equals(manifest.space())) {
            throw new IllegalArgumentException("surrogate of space '" + manifest.space() + "' given space '" + space.name() + "'");
        }
        if (regressor.outputDimension() != basis.components() || basis.epochs() != manifest.epochs()
                || regressor.inputDimension() != manifest.featureDimension()) {
            throw new IllegalArgumentException("surrogate parts disagree: regressor " + regressor.inputDimension() + " -> "
                    + regressor.outputDimension() + ", basis of " + basis.components() + " components over "
                    + basis.epochs() + " epochs, manifest " + manifest.featureDimension() + " features");
        }
        if (fallback != null && (fallback.basis().epochs() != manifest.epochs() || manifest.observedEpochs() == 0
                || fallback.observedFeatures() != 2 * manifest.observedEpochs() - 1)) {
            throw new IllegalArgumentException("the cell model of " + fallback.basis().epochs() + " epochs and "
                    + fallback.observedFeatures() + " observed features does not fit a surrogate of "
                    + manifest.epochs() + " epochs and " + manifest.observedEpochs() + " observed epochs");
        }
        this.manifest = manifest;
        this.space = space;
        this.encoder = EncoderSpec.parse(space, manifest.encoder()).featureEncoder(space);
        this.basis = basis;
        this.regressor = regressor;
        this.noise = noise;
        this.fallback = fallback;
        this.others = List.copyOf(others);
        this.correlation = correlation;
        List<String> names = new ArrayList<>(List.of(manifest.metric()));
        for (MetricModel m : others) {
            if (names.contains(m.metric())) {
                throw new IllegalArgumentException("metric '" + m.metric() + "' is modelled twice");
            }
            names.add(m.metric());
            if (m.basis().epochs() != manifest.epochs() || m.regressor().inputDimension() != manifest.featureDimension()) {
                throw new IllegalArgumentException("the model of '" + m.metric() + "' predicts " + m.basis().epochs()
                        + " epochs from " + m.regressor().inputDimension() + " features; the surrogate has "
                        + manifest.epochs() + " and " + manifest.featureDimension());
            }
        }
        if (!names.equals(manifest.metrics())) {
            throw new IllegalArgumentException("the manifest lists metrics " + manifest.metrics() + " but the file holds "
                    + "models of " + names);
        }
        if (correlation.metrics() != names.size()) {
            throw new IllegalArgumentException("a correlation of " + correlation.metrics() + " metrics for "
                    + names.size());
        }
        // any of the models may read the cell graph: with a learned encoding, validation keeps it for some
        // (the primary metric, the cell model, another metric) and not for others
        boolean anyGraphs = regressor.readsGraphs() || (fallback != null && fallback.regressor().readsGraphs());
        for (MetricModel m : others) {
            anyGraphs |= m.regressor().readsGraphs();
        }
        this.graphs = anyGraphs;
    }

    public Manifest manifest() {
        return manifest;
    }

    public CurveBasis basis() {
        return basis;
    }

    public CurveRegressor regressor() {
        return regressor;
    }

    public NoiseModel noise() {
        return noise;
    }

    /** The models of the metrics besides the primary, in the manifest's order. */
    public List<MetricModel> otherMetrics() {
        return others;
    }

    /** The correlation of the metrics' noise, over the primary followed by the others. */
    public MetricCorrelation correlation() {
        return correlation;
    }

    /** Every metric this surrogate answers, the primary ({@link #metric()}) first. */
    public List<String> metrics() {
        return manifest.metrics();
    }

    /** The model of the cell alone that takes over from observed epochs unlike the training runs'; may be absent. */
    public java.util.Optional<CellFallback> fallback() {
        return java.util.Optional.ofNullable(fallback);
    }

    @Override
    public SearchSpace space() {
        return space;
    }

    @Override
    public String metric() {
        return manifest.metric();
    }

    @Override
    public int epochs() {
        return manifest.epochs();
    }

    @Override
    public int observedEpochs() {
        return manifest.observedEpochs();
    }

    /** The model input of an architecture, for a surrogate that needs no observed epochs. */
    public ModelInput input(Architecture architecture) {
        return input(architecture, new double[0]);
    }

    /**
     * The model input of an architecture: the encoding followed by what the surrogate derives from the first
     * {@link #observedEpochs()} observed values of the curve, the cell graph when the regressor reads graphs, and
     * the observed values. Fails when the observed values or the encoding do not fit the surrogate.
     */
    public ModelInput input(Architecture architecture, double[] observed) {
        if (observed.length != observedEpochs()) {
            throw new ObservedEpochsException(observedEpochs(), observed.length);
        }
        double[] x = withObserved(encoder.encode(architecture), observed);
        if (x.length != manifest.featureDimension()) {
            throw new InvalidArchitectureException("the surrogate was trained on " + manifest.featureDimension()
                    + " features per architecture; this architecture gives " + x.length);
        }
        CellGraph graph = graphs ? space.graph(architecture).orElse(null) : null;
        return ModelInput.of(x, graph, observed);
    }

    /**
     * The encoding followed by the changes between consecutive observed epochs (trees cannot subtract features
     * themselves) and then the observed values, the last of which {@link #decode} reads.
     */
    static double[] withObserved(double[] encoding, double[] observed) {
        int n = observed.length;
        if (n == 0) {
            return encoding;
        }
        double[] x = Arrays.copyOf(encoding, encoding.length + 2 * n - 1);
        for (int i = 1; i < n; i++) {
            x[encoding.length + i - 1] = observed[i] - observed[i - 1];
        }
        System.arraycopy(observed, 0, x, encoding.length + n - 1, n);
        return x;
    }

    /** Writes the mean curve of a model input into {@code out} (length {@link #epochs()}). */
    public void meanCurve(ModelInput input, double[] out) {
        double[] labels = new double[basis.components()];
        regressor.predict(input, labels);
        decode(input.featuresView(), 0, labels, out);
        blend(input, out, 0);
    }

    /**
     * Decodes predicted components into a curve; a surrogate with observed epochs predicts the curve relative to
     * the last observed value, which ends the feature vector, and adds it back here.
     */
    private void decode(double[] features, int featureOffset, double[] labels, int labelOffset, double[] out, int outOffset) {
        basis.decode(labels, labelOffset, out, outOffset);
        if (observedEpochs() > 0) {
            double level = features[featureOffset + manifest.featureDimension() - 1];
            int epochs = epochs();
            for (int e = 0; e < epochs; e++) {
                out[outOffset + e] += level;
            }
        }
    }

    /** Blends in what the fallback answers for observed epochs outside the training runs' (see {@link CellFallback}). */
    private void blend(ModelInput input, double[] out, int outOffset) {
        if (fallback != null) {
            fallback.blend(input, out, outOffset);
        }
    }

    private void decode(double[] features, int featureOffset, double[] labels, double[] out) {
        decode(features, featureOffset, labels, 0, out, 0);
    }

    /**
     * Curves of a batch of inputs into {@code curves} (size x epochs, row-major), on the calling thread: row r is
     * the mean curve, or, where {@code noisy[r]} (with {@code noisy} not null), the noisy curve of training seed
     * {@code seeds[r]} of architecture {@code architectures[r]} (the same as {@link #noisyCurve}).
     */
    public void curves(ModelInputs inputs, Architecture[] architectures, long[] seeds, boolean[] noisy, double[] curves) {
        int n = inputs.size();
        int d = inputs.dimension();
        int k = basis.components();
        int epochs = epochs();
        double[] labels = new double[n * k];
        regressor.predictBatch(inputs, labels);
        double[] x = inputs.featureRows();
        for (int r = 0; r < n; r++) {
            decode(x, r * d, labels, r * k, curves, r * epochs);
            if (fallback != null && fallback.outside(x, r * d, d) > 0) {
                blend(inputs.get(r), curves, r * epochs);
            }
        }
        if (noisy == null) {
            return;
        }
        double[] curve = new double[epochs];
        for (int r = 0; r < n; r++) {
            if (noisy[r]) {
                double[] one = Arrays.copyOfRange(labels, r * k, (r + 1) * k);
                System.arraycopy(curves, r * epochs, curve, 0, epochs);
                noise.addNoise(inputs.get(r).withExtraFeatures(one), curve, random(architectures[r], seeds[r]));
                System.arraycopy(curve, 0, curves, r * epochs, epochs);
            }
        }
    }

    /**
     * Mean curves of a batch of inputs into {@code curves} (size x epochs, row-major); large batches run on the
     * common fork-join pool.
     */
    public void meanCurves(ModelInputs inputs, double[] curves) {
        int rows = inputs.size();
        int chunks = (rows + CHUNK - 1) / CHUNK;
        if (chunks <= 1) {
            curves(inputs, null, null, null, curves);
            return;
        }
        int epochs = epochs();
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = c * CHUNK;
            int to = Math.min(rows, from + CHUNK);
            double[] part = new double[(to - from) * epochs];
            curves(inputs.rows(from, to), null, null, null, part);
            System.arraycopy(part, 0, curves, from * epochs, part.length);
        });
    }

    @Override
    public List<LearningCurve> meanCurves(List<? extends Architecture> architectures) {
        int n = architectures.size();
        List<ModelInput> inputs = new ArrayList<>(n);
        for (Architecture a : architectures) {
            inputs.add(input(a));
        }
        double[] curves = new double[n * epochs()];
        meanCurves(ModelInputs.of(inputs), curves);
        List<LearningCurve> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(LearningCurve.of(Arrays.copyOfRange(curves, i * epochs(), (i + 1) * epochs())));
        }
        return out;
    }

    @Override
    public LearningCurve meanCurve(Architecture architecture) {
        return meanCurve(architecture, new double[0]);
    }

    @Override
    public LearningCurve meanCurve(Architecture architecture, double[] observed) {
        double[] out = new double[epochs()];
        meanCurve(input(architecture, observed), out);
        return LearningCurve.of(out);
    }

    @Override
    public LearningCurve noisyCurve(Architecture architecture, long seed) {
        return noisyCurve(architecture, new double[0], seed);
    }

    @Override
    public LearningCurve noisyCurve(Architecture architecture, double[] observed, long seed) {
        ModelInput x = input(architecture, observed);
        double[] labels = new double[basis.components()];
        regressor.predict(x, labels);
        double[] curve = new double[epochs()];
        decode(x.featuresView(), 0, labels, curve);
        blend(x, curve, 0);
        noise.addNoise(x.withExtraFeatures(labels), curve, random(architecture, seed));
        return LearningCurve.of(curve);
    }

    /**
     * Per epoch, the spread (population standard deviation) of the mean curves the members of the surrogate's
     * ensemble predict: how much the surrogate itself is unsure, apart from training noise. Fails for a surrogate
     * fitted without {@code --ensemble}.
     */
    public LearningCurve memberSpread(Architecture architecture, double[] observed) {
        if (!(regressor instanceof org.curvebench.models.EnsembleRegressor ensemble)) {
            throw new IllegalStateException("the surrogate's regressor is not an ensemble; fit it with --ensemble N "
                    + "(N >= 2) to get the spread of its members");
        }
        ModelInput x = input(architecture, observed);
        int members = ensemble.members().size();
        double[][] labels = new double[members][basis.components()];
        ensemble.predictMembers(x, labels);
        int epochs = epochs();
        double[] sum = new double[epochs];
        double[] squares = new double[epochs];
        double[] curve = new double[epochs];
        for (double[] l : labels) {
            decode(x.featuresView(), 0, l, curve);
            for (int e = 0; e < epochs; e++) {
                sum[e] += curve[e];
                squares[e] += curve[e] * curve[e];
            }
        }
        double[] spread = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            double mean = sum[e] / members;
            spread[e] = Math.sqrt(Math.max(0, squares[e] / members - mean * mean));
        }
        return LearningCurve.of(spread);
    }

    /** The predicted per-epoch noise standard deviation of an architecture (no observed epochs). */
    public LearningCurve noiseSigma(Architecture architecture) {
        return noiseSigma(architecture, new double[0]);
    }

    /** The predicted per-epoch noise standard deviation of an architecture given its observed first epochs. */
    public LearningCurve noiseSigma(Architecture architecture, double[] observed) {
        ModelInput x = input(architecture, observed);
        double[] labels = new double[basis.components()];
        regressor.predict(x, labels);
        double[] sigma = new double[epochs()];
        noise.sigma(x.withExtraFeatures(labels), sigma);
        return LearningCurve.of(sigma);
    }

    /** The index of {@code metric} in {@link #metrics()}; the error lists the metrics the surrogate has. */
    private int metricIndex(String metric) {
        int i = metrics().indexOf(metric);
        if (i < 0) {
            throw new UnknownMetricException(metric, metrics());
        }
        return i;
    }

    /** Writes the mean curve of {@code metric} for a model input into {@code out} (length {@link #epochs()}). */
    public void meanCurve(String metric, ModelInput input, double[] out) {
        int i = metricIndex(metric);
        if (i == 0) {
            meanCurve(input, out);
            return;
        }
        MetricModel m = others.get(i - 1);
        double[] labels = new double[m.basis().components()];
        m.regressor().predict(input, labels);
        m.basis().decode(labels, out);
    }

    /** The mean curve of {@code metric} for an architecture given its observed first epochs (of the primary metric). */
    public LearningCurve meanCurve(String metric, Architecture architecture, double[] observed) {
        double[] out = new double[epochs()];
        meanCurve(metric, input(architecture, observed), out);
        return LearningCurve.of(out);
    }

    /**
     * The curves of {@code metrics} as one training run of seed {@code seed} gives them: every metric's noise is
     * drawn jointly, its innovations correlated as {@link #correlation()} says, and the primary metric's curve is
     * the same as {@link #noisyCurve(Architecture, double[], long)}'s. In the order asked.
     */
    public Map<String, LearningCurve> noisyCurves(Architecture architecture, double[] observed, long seed,
                                                  List<String> metrics) {
        for (String m : metrics) {
            metricIndex(m);
        }
        ModelInput x = input(architecture, observed);
        int epochs = epochs();
        double[][] curves = new double[others.size() + 1][epochs];
        double[] labels = new double[basis.components()];
        regressor.predict(x, labels);
        decode(x.featuresView(), 0, labels, curves[0]);
        blend(x, curves[0], 0);
        double[] first = new double[epochs];
        noise.addNoise(x.withExtraFeatures(labels), curves[0], random(architecture, seed), first, false);
        boolean joint = !Double.isNaN(first[0]);
        double[][] innovations = joint && !others.isEmpty()
                ? correlation.correlate(first, random(architecture, seed ^ 0x6a09e667f3bcc908L)) : null;
        for (int i = 1; i <= others.size(); i++) {
            MetricModel m = others.get(i - 1);
            double[] own = new double[m.basis().components()];
            m.regressor().predict(x, own);
            m.basis().decode(own, curves[i]);
            SplittableRandom r = random(architecture, seed + 0x9E3779B97F4A7C15L * i);
            m.noise().addNoise(x.withExtraFeatures(own), curves[i], r, joint ? innovations[i] : new double[epochs], joint);
        }
        Map<String, LearningCurve> out = new LinkedHashMap<>();
        for (String m : metrics) {
            out.put(m, LearningCurve.of(curves[metricIndex(m)]));
        }
        return out;
    }

    /** The predicted per-epoch noise standard deviation of {@code metric} for an architecture. */
    public LearningCurve noiseSigma(String metric, Architecture architecture, double[] observed) {
        int i = metricIndex(metric);
        if (i == 0) {
            return noiseSigma(architecture, observed);
        }
        MetricModel m = others.get(i - 1);
        ModelInput x = input(architecture, observed);
        double[] labels = new double[m.basis().components()];
        m.regressor().predict(x, labels);
        double[] sigma = new double[epochs()];
        m.noise().sigma(x.withExtraFeatures(labels), sigma);
        return LearningCurve.of(sigma);
    }

    /** The mean curves of {@code metrics} for an architecture given its observed first epochs, in the order asked. */
    public Map<String, LearningCurve> meanCurves(Architecture architecture, double[] observed, List<String> metrics) {
        ModelInput x = input(architecture, observed);
        Map<String, LearningCurve> out = new LinkedHashMap<>();
        for (String m : metrics) {
            double[] curve = new double[epochs()];
            meanCurve(m, x, curve);
            out.put(m, LearningCurve.of(curve));
        }
        return out;
    }

    /**
     * This surrogate as a benchmark of {@code metric} alone (mean and noisy curves of that metric, the same observed
     * epochs of the primary metric): what an evaluation or a NAS optimizer reading one metric takes.
     */
    public SurrogateBenchmark forMetric(String metric) {
        if (metricIndex(metric) == 0) {
            return this;
        }
        CurveSurrogate self = this;
        return new SurrogateBenchmark() {
            @Override
            public SearchSpace space() {
                return space;
            }

            @Override
            public String metric() {
                return metric;
            }

            @Override
            public int epochs() {
                return self.epochs();
            }

            @Override
            public int observedEpochs() {
                return self.observedEpochs();
            }

            @Override
            public String observedMetric() {
                return self.metric();
            }

            @Override
            public LearningCurve meanCurve(Architecture architecture) {
                return meanCurve(architecture, new double[0]);
            }

            @Override
            public LearningCurve meanCurve(Architecture architecture, double[] observed) {
                return self.meanCurve(metric, architecture, observed);
            }

            @Override
            public LearningCurve noisyCurve(Architecture architecture, long seed) {
                return noisyCurve(architecture, new double[0], seed);
            }

            @Override
            public LearningCurve noisyCurve(Architecture architecture, double[] observed, long seed) {
                return self.noisyCurves(architecture, observed, seed, List.of(metric)).get(metric);
            }
        };
    }

    /** A random stream fixed by the architecture's key and the seed, the same on every machine. */
    static SplittableRandom random(Architecture architecture, long seed) {
        long h = 0xcbf29ce484222325L;
        for (byte b : architecture.canonicalKey().getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return new SplittableRandom(h ^ (seed * 0x9E3779B97F4A7C15L));
    }
}
