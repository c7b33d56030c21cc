package org.curvebench.surrogate;

import java.util.List;

/** A query asked a surrogate for a metric it was not fitted on; the message lists the metrics it has. */
public final class UnknownMetricException extends IllegalArgumentException {

    private final String metric;

    public UnknownMetricException(String metric, List<String> available) {
        super("this surrogate has no metric '" + metric + "'; it answers " + String.join(", ", available)
                + " (fit with --metrics to add more)");
        this.metric = metric;
    }

    public String metric() {
        return metric;
    }
}
