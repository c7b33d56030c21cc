package org.curvebench.search.lce;

import org.curvebench.core.Named;
import org.curvebench.core.Registry;
import org.curvebench.search.SearchContext;

/**
 * A learning-curve extrapolation method, registered through {@link java.util.ServiceLoader} in
 * {@code META-INF/services/org.curvebench.search.lce.LceMethod}.
 */
public interface LceMethod extends Named {

    /** A predictor for one trial (methods that learn from the trial's full trainings keep them there). */
    LcePredictor newPredictor(SearchContext context);

    /** Every method on the class path. */
    static Registry<LceMethod> installed() {
        return Registry.installed(LceMethod.class, "extrapolation method");
    }
}
