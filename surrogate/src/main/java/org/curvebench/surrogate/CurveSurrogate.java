package org.curvebench.surrogate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    private final boolean graphs;

    public CurveSurrogate(Manifest manifest, SearchSpace space, CurveBasis basis, CurveRegressor regressor,
                          NoiseModel noise) {
        if (!space.name().equals(manifest.space())) {
            throw new IllegalArgumentException("surrogate of space '" + manifest.space() + "' given space '" + space.name() + "'");
        }
        if (regressor.outputDimension() != basis.components() || basis.epochs() != manifest.epochs()
                || regressor.inputDimension() != manifest.featureDimension()) {
            throw new IllegalArgumentException("surrogate parts disagree: regressor " + regressor.inputDimension() + " -> "
                    + regressor.outputDimension() + ", basis of " + basis.components() + " components over "
                    + basis.epochs() + " epochs, manifest " + manifest.featureDimension() + " features");
        }
        this.manifest = manifest;
        this.space = space;
        this.encoder = space.encoder(manifest.encoder());
        this.basis = basis;
        this.regressor = regressor;
        this.noise = noise;
        this.graphs = regressor.readsGraphs();
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

    /** A random stream fixed by the architecture's key and the seed, the same on every machine. */
    static SplittableRandom random(Architecture architecture, long seed) {
        long h = 0xcbf29ce484222325L;
        for (byte b : architecture.canonicalKey().getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return new SplittableRandom(h ^ (seed * 0x9E3779B97F4A7C15L));
    }
}
