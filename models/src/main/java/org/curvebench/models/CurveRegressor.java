package org.curvebench.models;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A fitted map from an architecture's feature vector to k outputs (the compressed curve's components).
 * Implementations are immutable, thread-safe, and serialisable with Jackson.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = TreeEnsembleRegressor.class, name = "tree-ensemble"),
        @JsonSubTypes.Type(value = ObliviousTreeRegressor.class, name = "oblivious-trees")})
public interface CurveRegressor {

    int inputDimension();

    int outputDimension();

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
}
