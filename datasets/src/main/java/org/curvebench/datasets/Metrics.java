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
    /**
     * {@code 100 - val_loss}: the curve NAS-Bench-x11 fits for NAS-Bench-NLP, kept as its own metric so that
     * results can be compared with x11's in its units. Higher is better.
     */
    public static final String VAL_LOSS_X11 = "val_loss_x11";

    /**
     * Seconds each epoch of training took (cumulative time is their running sum): what a NAS optimizer spends to
     * train an architecture that long. Runs keep it beside their metrics ({@link TrainingRun#epochSeconds()}).
     */
    public static final String EPOCH_SECONDS = "epoch_seconds";

    /** The metrics CurveBench knows; a table may carry only some of them. */
    public static final List<String> KNOWN =
            List.of(VAL_ACC, VAL_LOSS, TRAIN_ACC, TRAIN_LOSS, TEST_ACC, TEST_LOSS, VAL_LOSS_X11, EPOCH_SECONDS);

    private Metrics() {
    }

    /** Whether larger values of {@code metric} are better (accuracies, {@link #VAL_LOSS_X11}) rather than worse. */
    public static boolean higherIsBetter(String metric) {
        return metric.endsWith("_acc") || metric.equals(VAL_LOSS_X11);
    }

    /** Throws with the list of known names when {@code metric} is not one. */
    public static String require(String metric) {
        if (!KNOWN.contains(metric)) {
            throw new IllegalArgumentException("unknown metric '" + metric + "'; known metrics: " + String.join(", ", KNOWN));
        }
        return metric;
    }
}
