package org.curvebench.surrogate;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.curvebench.core.LearningCurve;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.Encoder;
import org.curvebench.encoding.InvalidArchitectureException;
import org.curvebench.encoding.SearchSpace;
import org.curvebench.models.CurveBasis;
import org.curvebench.models.CurveRegressor;
import org.curvebench.noise.NoiseModel;

/**
 * The assembled surrogate: encoder -> regressor -> SVD decode for the mean curve, plus a noise model for seeded
 * noisy curves. Immutable; every query works on its own small buffers, so one instance serves many threads.
 */
public final class CurveSurrogate implements SurrogateBenchmark {

    private final Manifest manifest;
    private final SearchSpace space;
    private final Encoder encoder;
    private final CurveBasis basis;
    private final CurveRegressor regressor;
    private final NoiseModel noise;

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

    /** The feature vector this surrogate feeds its regressor, for a surrogate that needs no observed epochs. */
    public double[] features(Architecture architecture) {
        return features(architecture, new double[0]);
    }

    /**
     * The feature vector this surrogate feeds its regressor: the encoding followed by the first
     * {@link #observedEpochs()} observed values of the curve, checked against the trained dimension.
     */
    public double[] features(Architecture architecture, double[] observed) {
        if (observed.length != observedEpochs()) {
            throw new IllegalArgumentException(observedEpochs() == 0
                    ? "this surrogate takes no observed epochs, got " + observed.length
                    : "this surrogate needs the first " + observedEpochs() + " observed epochs of the curve (--observed "
                    + "v1,v2,...), got " + observed.length);
        }
        double[] x = withObserved(encoder.encode(architecture), observed);
        if (x.length != manifest.featureDimension()) {
            throw new InvalidArchitectureException("the surrogate was trained on " + manifest.featureDimension()
                    + " features per architecture; this architecture gives " + x.length);
        }
        return x;
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
        double[] x = java.util.Arrays.copyOf(encoding, encoding.length + 2 * n - 1);
        for (int i = 1; i < n; i++) {
            x[encoding.length + i - 1] = observed[i] - observed[i - 1];
        }
        System.arraycopy(observed, 0, x, encoding.length + n - 1, n);
        return x;
    }

    /** Writes the mean curve of an encoded architecture into {@code out} (length {@link #epochs()}). */
    public void meanCurve(double[] features, double[] out) {
        double[] labels = new double[basis.components()];
        regressor.predict(features, labels);
        decode(features, 0, labels, out);
    }

    /**
     * Decodes predicted components into a curve; a surrogate with observed epochs predicts the curve relative to
     * the last observed value, which ends the feature vector, and adds it back here.
     */
    private void decode(double[] features, int featureOffset, double[] labels, double[] out) {
        basis.decode(labels, out);
        if (observedEpochs() > 0) {
            double level = features[featureOffset + manifest.featureDimension() - 1];
            for (int e = 0; e < out.length; e++) {
                out[e] += level;
            }
        }
    }

    /** Rows per parallel task of a batch. */
    private static final int CHUNK = 2048;

    /**
     * Mean curves of {@code rows} encoded architectures: {@code features} row-major (rows x featureDimension),
     * {@code curves} receives rows x epochs. Large batches run on the common fork-join pool.
     */
    public void meanCurves(double[] features, int rows, double[] curves) {
        int chunks = (rows + CHUNK - 1) / CHUNK;
        if (chunks <= 1) {
            meanCurvesChunk(features, curves, 0, rows);
            return;
        }
        java.util.stream.IntStream.range(0, chunks).parallel()
                .forEach(c -> meanCurvesChunk(features, curves, c * CHUNK, Math.min(rows, (c + 1) * CHUNK)));
    }

    private void meanCurvesChunk(double[] features, double[] curves, int from, int to) {
        int d = manifest.featureDimension();
        int k = basis.components();
        int epochs = epochs();
        int n = to - from;
        double[] x = java.util.Arrays.copyOfRange(features, from * d, to * d);
        double[] labels = new double[n * k];
        regressor.predictBatch(x, n, labels);
        double[] one = new double[k];
        double[] curve = new double[epochs];
        for (int r = 0; r < n; r++) {
            System.arraycopy(labels, r * k, one, 0, k);
            decode(x, r * d, one, curve);
            System.arraycopy(curve, 0, curves, (from + r) * epochs, epochs);
        }
    }

    @Override
    public java.util.List<LearningCurve> meanCurves(java.util.List<? extends Architecture> architectures) {
        int d = manifest.featureDimension();
        int n = architectures.size();
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(features(architectures.get(i)), 0, x, i * d, d);
        }
        double[] curves = new double[n * epochs()];
        meanCurves(x, n, curves);
        java.util.List<LearningCurve> out = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(LearningCurve.of(java.util.Arrays.copyOfRange(curves, i * epochs(), (i + 1) * epochs())));
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
        meanCurve(features(architecture, observed), out);
        return LearningCurve.of(out);
    }

    @Override
    public LearningCurve noisyCurve(Architecture architecture, long seed) {
        return noisyCurve(architecture, new double[0], seed);
    }

    @Override
    public LearningCurve noisyCurve(Architecture architecture, double[] observed, long seed) {
        double[] x = features(architecture, observed);
        double[] labels = new double[basis.components()];
        regressor.predict(x, labels);
        double[] curve = new double[epochs()];
        decode(x, 0, labels, curve);
        noise.addNoise(noiseInput(x, labels), curve, random(architecture, seed));
        return LearningCurve.of(curve);
    }

    /** The predicted per-epoch noise standard deviation of an architecture (no observed epochs). */
    public LearningCurve noiseSigma(Architecture architecture) {
        return noiseSigma(architecture, new double[0]);
    }

    /** The predicted per-epoch noise standard deviation of an architecture given its observed first epochs. */
    public LearningCurve noiseSigma(Architecture architecture, double[] observed) {
        double[] x = features(architecture, observed);
        double[] labels = new double[basis.components()];
        regressor.predict(x, labels);
        double[] sigma = new double[epochs()];
        noise.sigma(noiseInput(x, labels), sigma);
        return LearningCurve.of(sigma);
    }

    /** The noise model's input: features followed by the predicted components. */
    static double[] noiseInput(double[] features, double[] labels) {
        double[] in = new double[features.length + labels.length];
        System.arraycopy(features, 0, in, 0, features.length);
        System.arraycopy(labels, 0, in, features.length, labels.length);
        return in;
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
