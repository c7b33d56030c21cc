package org.curvebench.surrogate;

/**
 * What a surrogate file says about itself: the file format version, how the surrogate was built and from what
 * data (the SHA-256 digest of the training runs). {@code featureDimension} counts the encoder's features plus the
 * {@code observedEpochs} curve values appended to them.
 */
public record Manifest(String format, int formatVersion, String curvebenchVersion, String space, String encoder,
                       String metric, int epochs, int components, boolean centred, String regressor,
                       String noise, int featureDimension, int observedEpochs, String trainingDigest,
                       int trainingArchitectures, int trainingRuns, long seed) {

    /** The magic string of surrogate files. */
    public static final String FORMAT = "curvebench-surrogate";
    /** The version this build writes and reads. */
    public static final int FORMAT_VERSION = 1;
    public static final String CURVEBENCH_VERSION = "0.1.0";
}
