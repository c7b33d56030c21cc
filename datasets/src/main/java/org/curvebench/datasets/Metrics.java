package org.curvebench.datasets;

import java.util.List;

/** Names of the per-epoch metrics a training run may carry. */
public final class Metrics {

    public static final String VAL_ACC = "val_acc";
    public static final String VAL_LOSS = "val_loss";
    public static final String TRAIN_ACC = "train_acc";
    public static final String TRAIN_LOSS = "train_loss";
    public static final String TEST_ACC = "test_acc";
    public static final String TEST_LOSS = "test_loss";

    /** The metrics CurveBench knows; a table may carry only some of them. */
    public static final List<String> KNOWN = List.of(VAL_ACC, VAL_LOSS, TRAIN_ACC, TRAIN_LOSS, TEST_ACC, TEST_LOSS);

    private Metrics() {
    }

    /** Whether larger values of {@code metric} are better (accuracies) rather than worse (losses). */
    public static boolean higherIsBetter(String metric) {
        return metric.endsWith("_acc");
    }

    /** Throws with the list of known names when {@code metric} is not one. */
    public static String require(String metric) {
        if (!KNOWN.contains(metric)) {
            throw new IllegalArgumentException("unknown metric '" + metric + "'; known metrics: " + String.join(", ", KNOWN));
        }
        return metric;
    }
}
