package org.curvebench.surrogate;

/**
 * What a surrogate file says about itself: the file format version, how the surrogate was built (every learner's
 * name, settings and what fitting chose) and from what data (the SHA-256 digest of the training runs).
 * {@code featureDimension} counts the encoder's features plus those derived from the {@code observedEpochs}
 * curve values.
 */
public record Manifest(String format, int formatVersion, String curvebenchVersion, String space, String encoder,
                       String metric, int epochs, int components, boolean centred, LearnerSpec regressor,
                       LearnerSpec noise, int featureDimension, int observedEpochs, double validationFraction,
                       String trainingDigest, int trainingArchitectures, int trainingRuns, long seed) {

    /** The magic string of surrogate files. */
    public static final String FORMAT = "curvebench-surrogate";
    /** The version this build writes and reads (2: learners recorded with their settings). */
    public static final int FORMAT_VERSION = 2;
    public static final String CURVEBENCH_VERSION = "0.2.0";
}
