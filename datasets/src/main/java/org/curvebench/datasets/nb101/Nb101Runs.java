package org.curvebench.datasets.nb101;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.curvebench.core.LearningCurve;
import org.curvebench.datasets.Metrics;
import org.curvebench.datasets.TrainingRun;
import org.curvebench.encoding.Architecture;

/**
 * A NAS-Bench-101 training run from its evaluations, whichever file they came from: accuracies as curves
 * (fractions 0..1) and, per evaluation, the training seconds per epoch since the previous one (0 at epoch 0).
 */
final class Nb101Runs {

    private Nb101Runs() {
    }

    /** Evaluations must be in increasing epoch order; the callers check it with their own file positions. */
    static TrainingRun of(Architecture cell, int seed, List<Nb101Evaluation> evaluations) {
        int n = evaluations.size();
        double[] train = new double[n];
        double[] val = new double[n];
        double[] test = new double[n];
        double[] seconds = new double[n];
        double previousEpoch = 0;
        double previousTime = 0;
        for (int i = 0; i < n; i++) {
            Nb101Evaluation e = evaluations.get(i);
            train[i] = e.trainAccuracy();
            val[i] = e.validationAccuracy();
            test[i] = e.testAccuracy();
            double epochs = e.currentEpoch() - previousEpoch;
            seconds[i] = epochs > 0 ? (e.trainingTime() - previousTime) / epochs : 0.0;
            previousEpoch = e.currentEpoch();
            previousTime = e.trainingTime();
        }
        Map<String, LearningCurve> metrics = new LinkedHashMap<>();
        metrics.put(Metrics.TRAIN_ACC, LearningCurve.of(train));
        metrics.put(Metrics.VAL_ACC, LearningCurve.of(val));
        metrics.put(Metrics.TEST_ACC, LearningCurve.of(test));
        return new TrainingRun(cell, seed, metrics, Optional.of(LearningCurve.of(seconds)));
    }
}
