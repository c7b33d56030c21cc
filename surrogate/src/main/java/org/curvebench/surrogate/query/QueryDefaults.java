package org.curvebench.surrogate.query;

/**
 * What a query means when it does not say: whether it asks for a noisy curve and of which seed (a query that
 * gives its own seed always asks for that seed's noisy curve), and which observed epochs it comes with.
 */
public record QueryDefaults(boolean noisy, long seed, double[] observed) {

    public QueryDefaults {
        observed = observed == null ? new double[0] : observed.clone();
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
