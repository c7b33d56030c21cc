package org.curvebench.datasets.nb101;

/**
 * What NAS-Bench-101's API reports for one training repeat of a cell at one budget ({@code computed_stat}):
 * training seconds and train/validation/test accuracy (fractions 0..1) halfway through and at the end of training.
 */
public record Nb101RepeatStats(double halfwayTrainingTime, double halfwayTrainAccuracy,
                               double halfwayValidationAccuracy, double halfwayTestAccuracy,
                               double finalTrainingTime, double finalTrainAccuracy,
                               double finalValidationAccuracy, double finalTestAccuracy) {

    /** The stats of a run from its evaluations at index 1 (halfway) and 2 (final), as NAS-Bench-101 reads them. */
    static Nb101RepeatStats of(Nb101Evaluation halfway, Nb101Evaluation last) {
        return new Nb101RepeatStats(halfway.trainingTime(), halfway.trainAccuracy(), halfway.validationAccuracy(),
                halfway.testAccuracy(), last.trainingTime(), last.trainAccuracy(), last.validationAccuracy(),
                last.testAccuracy());
    }
}
