package org.curvebench.surrogate;

/**
 * What a surrogate file says about itself: the file format version, how the surrogate was built (every learner's
 * name, settings and what fitting chose) and from what data (the SHA-256 digest of the training runs).
 * {@code featureDimension} counts the encoder's features plus those derived from the {@code observedEpochs}
 * curve values. {@code metric} is the primary metric (the one observed epochs are values of); {@code metrics}
 * lists every metric the surrogate answers, the primary first (files of one metric, and those written before
 * multi-metric surrogates, list the primary alone).
 */
public record Manifest(String format, int formatVersion, String curvebenchVersion, String space, String encoder,
                       String metric, int epochs, int components, boolean centred, LearnerSpec regressor,
                       LearnerSpec noise, int featureDimension, int observedEpochs, double validationFraction,
                       String trainingDigest, int trainingArchitectures, int trainingRuns, long seed,
                       java.util.List<String> metrics) {

    public Manifest {
        metrics = metrics == null || metrics.isEmpty() ? java.util.List.of(metric) : java.util.List.copyOf(metrics);
        if (!metrics.get(0).equals(metric)) {
            throw new IllegalArgumentException("the manifest's metrics " + metrics + " must start with the primary "
                    + "metric '" + metric + "'");
        }
    }

    /** The magic string of surrogate files. */
    public static final String FORMAT = "curvebench-surrogate";
    /** The version this build writes and reads (2: learners recorded with their settings). */
    public static final int FORMAT_VERSION = 2;
    public static final String CURVEBENCH_VERSION = "0.2.0";
}
