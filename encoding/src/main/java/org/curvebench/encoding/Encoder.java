package org.curvebench.encoding;

import java.util.List;

/**
 * Turns an architecture of one space into a fixed-length feature vector for a regressor. Encoders are
 * stateless and thread-safe; a surrogate stores the encoder's name and re-creates it from the space.
 */
public interface Encoder {

    /** The name under which {@link SearchSpace#encoder(String)} returns this encoder. */
    String name();

    /** The feature vector of {@code architecture}; throws {@link InvalidArchitectureException} if it is of another space. */
    double[] encode(Architecture architecture);

    /** Human-readable names of the features, when the encoding has a fixed length; empty otherwise. */
    default List<String> featureNames() {
        return List.of();
    }
}
