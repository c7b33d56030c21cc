package org.curvebench.datasets;

import org.curvebench.core.LearningCurve;

import java.util.List;
import org.curvebench.encoding.Architecture;

/** All training runs (seeds) of one architecture, as a tabular benchmark holds them. */
public record ArchitectureRuns(Architecture architecture, List<TrainingRun> runs) {

    public ArchitectureRuns {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs for " + architecture.canonicalKey());
        }
        runs = List.copyOf(runs);
    }

    public String key() {
        return architecture.canonicalKey();
    }

    public int seeds() {
        return runs.size();
    }

    /** The runs' curves of {@code metric}, one row per run. */
    public double[][] curves(String metric) {
        double[][] rows = new double[runs.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = runs.get(i).curve(metric).toArray();
        }
        return rows;
    }

    /** The mean over runs of {@code metric}: the value a tabular benchmark reports. */
    public LearningCurve meanCurve(String metric) {
        return LearningCurve.mean(runs.stream().map(r -> r.curve(metric)).toList());
    }
}
