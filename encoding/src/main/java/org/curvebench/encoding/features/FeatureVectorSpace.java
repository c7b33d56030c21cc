package org.curvebench.encoding.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.random.RandomGenerator;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.Encoder;
import org.curvebench.encoding.InvalidArchitectureException;
import org.curvebench.encoding.SearchSpace;

/**
 * The space whose architectures are already numeric feature vectors, as in the NAS-Bench-x11 API: the user
 * encodes architectures themselves and gives {@code "arch": [x1, x2, ...]}. It has no cell graphs, and
 * {@link #sample} and {@link #neighbours} throw: feature vectors have no space to sample from.
 */
public final class FeatureVectorSpace implements SearchSpace {

    public static final String NAME = "features";

    private static final String NO_SPACE = "space 'features' cannot sample or mutate architectures: feature vectors "
            + "have no space to sample from (they are whatever the user encoded); use a space such as nb201, nb101 "
            + "or nlp";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "architectures given as numeric feature vectors, \"arch\": [x1, x2, ...]";
    }

    @Override
    public Architecture parse(JsonNode json) {
        if (json == null || !json.isArray() || json.isEmpty()) {
            throw new InvalidArchitectureException("space 'features' expects a non-empty array of numbers, got "
                    + (json == null ? "nothing" : json.getNodeType().toString().toLowerCase()));
        }
        double[] values = new double[json.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = json.get(i);
            if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                throw new InvalidArchitectureException("feature " + i + " is not a finite number: " + v);
            }
            values[i] = v.asDouble();
        }
        return new FeatureVector(values);
    }

    /** Throws: feature vectors have no space to sample from. */
    @Override
    public Architecture sample(RandomGenerator random) {
        throw new UnsupportedOperationException(NO_SPACE);
    }

    /** Throws: feature vectors have no space to sample from, so no neighbourhood either. */
    @Override
    public List<Architecture> neighbours(Architecture architecture) {
        throw new UnsupportedOperationException(NO_SPACE);
    }

    @Override
    public List<String> encoderNames() {
        return List.of("identity");
    }

    @Override
    public Encoder encoder(String name) {
        if (!"identity".equals(name)) {
            throw new IllegalArgumentException("space 'features' has only the encoder 'identity', not '" + name + "'");
        }
        return new Encoder() {
            @Override
            public String name() {
                return "identity";
            }

            @Override
            public double[] encode(Architecture architecture) {
                if (!(architecture instanceof FeatureVector v)) {
                    throw new InvalidArchitectureException("not a feature vector: " + architecture);
                }
                return v.values();
            }
        };
    }
}
