package org.curvebench.surrogate;

import java.util.List;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.Encoder;
import org.curvebench.encoding.SearchSpace;

/**
 * What a surrogate's encoder name says: one of the space's feature encoders ({@code onehot}), a learned embedding
 * alone ({@code gin}), or a learned embedding beside a feature encoder ({@code gin+onehot}). The embedding itself
 * is fitted and kept by the regressor (an {@link org.curvebench.models.EmbeddingFeaturesTrainer}'s model); this
 * names it and gives the feature encoder whose vector precedes it.
 *
 * @param embedding the learner whose embeddings are features, or null for none
 * @param features  the space's feature encoder, or {@link #NO_FEATURES} for the embedding alone
 */
public record EncoderSpec(String embedding, String features) {

    /** The feature part of an embedding alone: no features of the cell. */
    public static final String NO_FEATURES = "none";

    /** The spec {@code name} gives in {@code space} (null: the space's default encoder). */
    public static EncoderSpec parse(SearchSpace space, String name) {
        List<String> encoders = space.encoderNames();
        if (name == null) {
            return new EncoderSpec(null, encoders.get(0));
        }
        if (encoders.contains(name)) {
            return new EncoderSpec(null, name);
        }
        int plus = name.indexOf('+');
        if (plus < 0) {
            return new EncoderSpec(name, NO_FEATURES);
        }
        String features = name.substring(plus + 1);
        if (!encoders.contains(features)) {
            throw new IllegalArgumentException("encoder '" + name + "': space '" + space.name() + "' has no encoder '"
                    + features + "'; available: " + String.join(", ", encoders));
        }
        return new EncoderSpec(name.substring(0, plus), features);
    }

    /** The name as surrogate files and the command line write it. */
    public String name() {
        if (embedding == null) {
            return features;
        }
        return features.equals(NO_FEATURES) ? embedding : embedding + "+" + features;
    }

    /** The encoder of the features before the embedding: the space's, or one of no features. */
    public Encoder featureEncoder(SearchSpace space) {
        if (!features.equals(NO_FEATURES)) {
            return space.encoder(features);
        }
        return new Encoder() {
            @Override
            public String name() {
                return NO_FEATURES;
            }

            @Override
            public double[] encode(Architecture architecture) {
                return new double[0];
            }
        };
    }
}
