package org.curvebench.encoding;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.curvebench.core.CellGraph;
import org.curvebench.core.GraphSchema;

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

    /** The vocabulary of this space's cell graphs; empty when the space defines no graph. */
    default Optional<GraphSchema> graphSchema() {
        return Optional.empty();
    }

    /** The cell graph of an architecture of this space (see README, "Cell graphs"); empty when the space has none. */
    default Optional<CellGraph> graph(Architecture architecture) {
        return Optional.empty();
    }

    /**
     * A random valid architecture, drawn as the space's own sampler draws (uniform over cells where the space is
     * small); the same generator state gives the same architecture. Spaces without a domain to draw from throw
     * {@link UnsupportedOperationException} saying so.
     */
    default Architecture sample(RandomGenerator random) {
        throw new UnsupportedOperationException("space '" + name() + "' cannot sample architectures");
    }

    /**
     * The architectures one edit away from {@code architecture} (one op changed, one edge moved, ...), each valid,
     * none equivalent to it or to another, in a fixed order.
     */
    default List<Architecture> neighbours(Architecture architecture) {
        throw new UnsupportedOperationException("space '" + name() + "' has no neighbourhood");
    }

    /** One neighbour drawn at random with {@code random} (NAS optimizers' mutation). */
    default Architecture mutate(Architecture architecture, RandomGenerator random) {
        List<Architecture> all = neighbours(architecture);
        if (all.isEmpty()) {
            throw new IllegalArgumentException("architecture " + architecture.canonicalKey() + " has no neighbours");
        }
        return all.get(random.nextInt(all.size()));
    }
}
