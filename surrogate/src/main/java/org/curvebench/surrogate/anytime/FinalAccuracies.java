package org.curvebench.surrogate.anytime;

import java.util.List;
import org.curvebench.encoding.nb101.Nb101Cell;

/**
 * Where anytime evaluation looks up how good a NAS-Bench-101 cell is after full training: the tabular benchmark or
 * surrogates of its curves. Thread-safe.
 */
public interface FinalAccuracies {

    /** What the accuracies come from, for messages. */
    String source();

    boolean hasValidation();

    boolean hasTest();

    /** The accuracies of {@code cells}, in order; null for a cell the source does not hold. */
    FinalAccuracy[] of(List<Nb101Cell> cells);
}
