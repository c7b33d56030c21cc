package org.curvebench.datasets.nb101;

/**
 * One evaluation during a NAS-Bench-101 training run, as its {@code EvaluationData} protobuf message holds it:
 * the epoch, the training seconds up to that point (evaluation excluded) and three accuracies as fractions 0..1.
 */
public record Nb101Evaluation(double currentEpoch, double trainingTime, double trainAccuracy,
                              double validationAccuracy, double testAccuracy) {
}
