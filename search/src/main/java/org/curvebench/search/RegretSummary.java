package org.curvebench.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Mean and standard error over trials of each optimizer's regret at fractions of the budget: a trial's regret at
 * time t is its incumbent's after the last training that ended by t. A trial with no training by then is left
 * out, and the row says how many trials count.
 */
public final class RegretSummary {

    /** The budget fractions of the summary table. */
    public static final double[] FRACTIONS = {0.1, 0.25, 0.5, 1.0};

    /**
     * One optimizer's row.
     *
     * @param mean mean regret at each fraction (NaN where no trial had a result)
     * @param standardError standard error of the mean at each fraction (NaN with fewer than two trials)
     * @param trials how many trials had a result at each fraction
     * @param trainings mean trainings per trial
     */
    public record Row(String optimizer, double[] mean, double[] standardError, int[] trials, double trainings) {
    }

    private RegretSummary() {
    }

    public static List<Row> of(List<Trajectory> trajectories, Regret regret, double budgetSeconds) {
        Map<String, List<Trajectory>> byLabel = new LinkedHashMap<>();
        for (Trajectory t : trajectories) {
            byLabel.computeIfAbsent(t.label(), k -> new ArrayList<>()).add(t);
        }
        List<Row> rows = new ArrayList<>();
        byLabel.forEach((label, runs) -> {
            int n = FRACTIONS.length;
            double[] mean = new double[n];
            double[] se = new double[n];
            int[] count = new int[n];
            for (int f = 0; f < n; f++) {
                double limit = FRACTIONS[f] * budgetSeconds;
                List<Double> values = new ArrayList<>();
                for (Trajectory t : runs) {
                    Evaluation last = null;
                    for (Evaluation e : t.evaluations()) {
                        if (e.seconds() <= limit) {
                            last = e;
                        }
                    }
                    if (last != null) {
                        values.add(regret.of(last));
                    }
                }
                count[f] = values.size();
                mean[f] = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                if (values.size() > 1) {
                    double ss = 0;
                    for (double v : values) {
                        ss += (v - mean[f]) * (v - mean[f]);
                    }
                    se[f] = Math.sqrt(ss / (values.size() - 1) / values.size());
                } else {
                    se[f] = Double.NaN;
                }
            }
            double trainings = runs.stream().mapToInt(t -> t.evaluations().size()).average().orElse(0);
            rows.add(new Row(label, mean, se, count, trainings));
        });
        return rows;
    }

    /** The rows as a text table with a header naming the reference. */
    public static String format(List<Row> rows, Regret.Reference reference) {
        StringBuilder sb = new StringBuilder();
        sb.append("regret at budget fractions, mean ± standard error over trials (reference: ")
                .append(reference.describe()).append(")\n");
        sb.append(String.format(Locale.ROOT, "%-14s", "optimizer"));
        for (double f : FRACTIONS) {
            sb.append(String.format(Locale.ROOT, "%20s", (int) Math.round(f * 100) + "%"));
        }
        sb.append(String.format(Locale.ROOT, "%12s%n", "trainings"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-14s", r.optimizer()));
            for (int f = 0; f < FRACTIONS.length; f++) {
                String cell = Double.isNaN(r.mean()[f]) ? "-"
                        : String.format(Locale.ROOT, "%.4f ± %.4f", r.mean()[f],
                        Double.isNaN(r.standardError()[f]) ? 0.0 : r.standardError()[f]);
                if (r.trials()[f] > 0 && r.trials()[f] < r.trials()[FRACTIONS.length - 1]) {
                    cell += " (" + r.trials()[f] + ")";
                }
                sb.append(String.format(Locale.ROOT, "%20s", cell));
            }
            sb.append(String.format(Locale.ROOT, "%12.1f%n", r.trainings()));
        }
        return sb.toString();
    }
}
