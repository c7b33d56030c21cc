package org.curvebench.datasets;

import org.curvebench.core.LearningCurve;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The checks every loader applies before a run is used: each metric's curve must be finite and as long as most
 * runs' curves of that metric. Runs that fail are left out and reported, never padded.
 */
public final class CurveScreening {

    private final Map<String, Integer> usual;

    private CurveScreening(Map<String, Integer> usual) {
        this.usual = usual;
    }

    /** Learns each metric's usual length (the most common; the longer one on a tie) from these runs' metrics. */
    public static CurveScreening of(Collection<Map<String, LearningCurve>> runs) {
        Map<String, Map<Integer, Integer>> counts = new HashMap<>();
        for (Map<String, LearningCurve> metrics : runs) {
            metrics.forEach((m, c) -> counts.computeIfAbsent(m, k -> new HashMap<>()).merge(c.epochs(), 1, Integer::sum));
        }
        Map<String, Integer> usual = new HashMap<>();
        counts.forEach((m, byLength) -> usual.put(m, byLength.entrySet().stream()
                .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .orElseThrow().getKey()));
        return new CurveScreening(usual);
    }

    /** Why a run with these metrics cannot be used, or null when it can. */
    public String problem(Map<String, LearningCurve> metrics) {
        for (Map.Entry<String, LearningCurve> m : metrics.entrySet()) {
            LearningCurve c = m.getValue();
            int bad = c.firstNonFinite();
            if (bad >= 0) {
                return m.getKey() + " is " + c.get(bad) + " at epoch " + bad;
            }
            Integer expected = usual.get(m.getKey());
            if (expected != null && c.epochs() != expected) {
                return m.getKey() + " has " + c.epochs() + " epochs where most runs have " + expected;
            }
        }
        return null;
    }
}
