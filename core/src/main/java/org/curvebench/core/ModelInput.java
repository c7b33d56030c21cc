package org.curvebench.core;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a learner sees of one architecture: the feature vector (the space's encoding, followed by whatever the
 * surrogate derives from observed epochs), the cell graph where the space defines one, and the observed first
 * epochs of the curve. Feature learners read {@link #features()}; graph learners read {@link #graph()} and
 * {@link #observed()}. Immutable.
 */
public final class ModelInput {

    private static final double[] NONE = new double[0];

    private final double[] features;
    private final CellGraph graph;
    private final double[] observed;

    private ModelInput(double[] features, CellGraph graph, double[] observed) {
        this.features = features;
        this.graph = graph;
        this.observed = observed;
    }

    /** An input of features, an optional graph ({@code null} for none) and observed epochs (empty for none). */
    public static ModelInput of(double[] features, CellGraph graph, double[] observed) {
        return new ModelInput(features.clone(), graph, observed.length == 0 ? NONE : observed.clone());
    }

    /** An input of features alone. */
    public static ModelInput ofFeatures(double... features) {
        return new ModelInput(features.clone(), null, NONE);
    }

    /** The feature vector; a copy. */
    public double[] features() {
        return features.clone();
    }

    /** The feature vector without a copy, for learners on a hot path; callers must not change it. */
    public double[] featuresView() {
        return features;
    }

    public int dimension() {
        return features.length;
    }

    public Optional<CellGraph> graph() {
        return Optional.ofNullable(graph);
    }

    /** The observed first epochs of the curve; a copy, empty when none were given. */
    public double[] observed() {
        return observed.clone();
    }

    /** This input with {@code extra} appended to its features (graph and observed epochs kept). */
    public ModelInput withExtraFeatures(double[] extra) {
        double[] x = Arrays.copyOf(features, features.length + extra.length);
        System.arraycopy(extra, 0, x, features.length, extra.length);
        return new ModelInput(x, graph, observed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelInput m && Arrays.equals(features, m.features) && Arrays.equals(observed, m.observed)
                && java.util.Objects.equals(graph, m.graph);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(features) * 31 + Arrays.hashCode(observed);
    }
}
