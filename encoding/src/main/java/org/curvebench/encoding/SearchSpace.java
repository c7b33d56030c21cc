package org.curvebench.encoding;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A family of architectures: how they are written in JSON, validated, keyed and encoded. A new space is one
 * class implementing this interface plus a line in
 * {@code META-INF/services/org.curvebench.encoding.SearchSpace}.
 */
public interface SearchSpace {

    /** Short name used on the command line and in surrogate files, e.g. {@code nb201}. */
    String name();

    /** One line describing the space and its JSON form, shown in {@code --help} and errors. */
    String description();

    /** Parses and validates an architecture; throws {@link InvalidArchitectureException} naming the problem. */
    Architecture parse(JsonNode json);

    /** Names of the encoders this space offers; the first is the default. */
    List<String> encoderNames();

    /** The encoder of that name; throws {@link IllegalArgumentException} listing the available names. */
    Encoder encoder(String name);

    /** The default encoder. */
    default Encoder defaultEncoder() {
        return encoder(encoderNames().get(0));
    }

    /**
     * How many first epochs of the curve a surrogate of this space takes as features unless told otherwise
     * (NAS-Bench-x11's "w. accs" variant; see README for the measurements behind each space's choice).
     */
    default int defaultObservedEpochs() {
        return 0;
    }

    /** The metric a surrogate of this space predicts unless told otherwise. */
    default String defaultMetric() {
        return "val_acc";
    }
}
