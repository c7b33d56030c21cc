package org.curvebench.surrogate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One learner of a surrogate as its manifest records it: the registered name, the settings it was fitted with,
 * and what fitting settled on (rounds kept, settings chosen by model selection, fitted noise parameters).
 */
public record LearnerSpec(String name, Map<String, Object> hyperparameters, Map<String, Object> fitted) {

    public LearnerSpec {
        hyperparameters = hyperparameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
        fitted = fitted == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fitted));
    }
}
