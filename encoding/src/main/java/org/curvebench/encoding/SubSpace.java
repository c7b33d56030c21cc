package org.curvebench.encoding;

/**
 * A space each of whose architectures is also an architecture of a larger registered space, as NAS-Bench-1Shot1's
 * three spaces lie in NAS-Bench-101: surrogates and tables of the larger space then answer the smaller one, and its
 * canonical keys are the larger space's.
 */
public interface SubSpace extends SearchSpace {

    /** Name of the larger space, e.g. {@code nb101}. */
    String parentSpace();

    /** The same architecture as the larger space writes it; throws {@link InvalidArchitectureException} for another space's. */
    Architecture inParent(Architecture architecture);
}
