package org.curvebench.models;

import org.curvebench.core.ModelInput;
import org.curvebench.core.ModelInputs;

/** A regressor of the feature vector alone, with a flat-array batch path that needs no per-row objects. */
public interface FeatureRegressor extends CurveRegressor {

    /** Writes the k outputs for {@code features} into {@code out}; must not allocate model state. */
    void predict(double[] features, double[] out);

    /**
     * Predicts {@code rows} rows at once: {@code features} is row-major (rows x inputDimension), {@code out}
     * receives rows x outputDimension. Implementations may be much faster than row-by-row prediction.
     */
    default void predictBatch(double[] features, int rows, double[] out) {
        int d = inputDimension();
        int k = outputDimension();
        double[] row = new double[d];
        double[] one = new double[k];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(features, r * d, row, 0, d);
            predict(row, one);
            System.arraycopy(one, 0, out, r * k, k);
        }
    }

    @Override
    default void predict(ModelInput input, double[] out) {
        predict(input.featuresView(), out);
    }

    @Override
    default void predictBatch(ModelInputs inputs, double[] out) {
        predictBatch(inputs.featureRows(), inputs.size(), out);
    }
}
