package org.curvebench.surrogate.query;

/**
 * What a query means when it does not say: whether it asks for a noisy curve and of which seed (a query that
 * gives its own seed always asks for that seed's noisy curve), which observed epochs it comes with, and which
 * metrics it asks for (empty: the primary metric's curve alone).
 */
public record QueryDefaults(boolean noisy, long seed, double[] observed, java.util.List<String> metrics) {

    public QueryDefaults {
        observed = observed == null ? new double[0] : observed.clone();
        metrics = metrics == null ? java.util.List.of() : java.util.List.copyOf(metrics);
    }

    /** Defaults that ask for the primary metric's curve alone. */
    public QueryDefaults(boolean noisy, long seed, double[] observed) {
        this(noisy, seed, observed, java.util.List.of());
    }

    /** Mean curves, no observed epochs. */
    public static QueryDefaults means() {
        return new QueryDefaults(false, 0, new double[0]);
    }

    @Override
    public double[] observed() {
        return observed.clone();
    }
}
