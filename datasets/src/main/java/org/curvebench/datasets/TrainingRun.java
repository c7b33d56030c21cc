package org.curvebench.datasets;

import org.curvebench.core.LearningCurve;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.curvebench.encoding.Architecture;

/**
 * One training of one architecture with one seed: its per-epoch metrics and, when recorded, the seconds each
 * epoch took.
 */
public record TrainingRun(Architecture architecture, int seed, Map<String, LearningCurve> metrics,
                          Optional<LearningCurve> epochSeconds) {

    public TrainingRun {
        if (architecture == null) {
            throw new IllegalArgumentException("a training run needs an architecture");
        }
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("a training run needs at least one metric");
        }
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        epochSeconds = epochSeconds == null ? Optional.empty() : epochSeconds;
    }

    /** The curve of {@code metric}; the error names the metrics the run has. */
    public LearningCurve curve(String metric) {
        LearningCurve c = metrics.get(metric);
        if (c == null) {
            throw new IllegalArgumentException("run of " + architecture.canonicalKey() + " (seed " + seed
                    + ") has no metric '" + metric + "'; it has " + metrics.keySet());
        }
        return c;
    }

    public boolean has(String metric) {
        return metrics.containsKey(metric);
    }
}
