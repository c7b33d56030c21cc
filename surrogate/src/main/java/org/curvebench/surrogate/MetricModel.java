package org.curvebench.surrogate;

import org.curvebench.models.CurveBasis;
import org.curvebench.models.CurveRegressor;
import org.curvebench.noise.NoiseModel;

/**
 * The model of one more metric of a multi-metric surrogate: its own curve compression, regressor and noise
 * model, reading the same model inputs as the primary metric (the architecture and the primary metric's observed
 * epochs) and predicting the absolute curve.
 */
public record MetricModel(String metric, CurveBasis basis, CurveRegressor regressor, NoiseModel noise) {

    public MetricModel {
        if (regressor.outputDimension() != basis.components()) {
            throw new IllegalArgumentException("metric '" + metric + "': regressor predicts " + regressor.outputDimension()
                    + " values for a basis of " + basis.components() + " components");
        }
    }
}
