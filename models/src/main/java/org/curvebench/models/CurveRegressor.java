package org.curvebench.models;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A fitted map from an architecture's feature vector to k outputs (the compressed curve's components).
 * Implementations are immutable, thread-safe, and serialisable with Jackson.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = TreeEnsembleRegressor.class, name = "tree-ensemble")})
public interface CurveRegressor {

    int inputDimension();

    int outputDimension();

    /** Writes the k outputs for {@code features} into {@code out}; must not allocate model state. */
    void predict(double[] features, double[] out);
}
