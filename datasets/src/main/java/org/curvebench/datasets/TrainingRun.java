package org.curvebench.datasets;

import org.curvebench.core.LearningCurve;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import org.curvebench.encoding.Architecture;

/**
 * One training of one architecture with one seed: its per-epoch metrics and, when recorded, the seconds each
 * epoch took, which {@link #curve} also answers as the metric {@link Metrics#EPOCH_SECONDS}.
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
        if (c == null && metric.equals(Metrics.EPOCH_SECONDS) && epochSeconds.isPresent()) {
            c = epochSeconds.get();
        }
        if (c == null) {
            throw new IllegalArgumentException("run of " + architecture.canonicalKey() + " (seed " + seed
                    + ") has no metric '" + metric + "'; it has " + metricNames());
        }
        return c;
    }

    public boolean has(String metric) {
        return metrics.containsKey(metric) || metric.equals(Metrics.EPOCH_SECONDS) && epochSeconds.isPresent();
    }

    /** The names of every curve {@link #curve} answers, {@link Metrics#EPOCH_SECONDS} included when recorded. */
    public Set<String> metricNames() {
        Set<String> names = new LinkedHashSet<>(metrics.keySet());
        epochSeconds.ifPresent(s -> names.add(Metrics.EPOCH_SECONDS));
        return names;
    }
}
