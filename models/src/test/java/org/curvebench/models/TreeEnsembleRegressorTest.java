package org.curvebench.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TreeEnsembleRegressorTest {

    /** Output 0: one stump on feature 1 at 0.5 (NaN goes right) plus a single-leaf tree; output 1: a stump on feature 0 whose NaN goes left. */
    private static TreeEnsembleRegressor handBuilt() {
        return new TreeEnsembleRegressor(2, new int[]{2, 3}, new int[]{0, 1, 1}, new int[]{0, 2, 3},
                new int[]{1, 0}, new double[]{0.5, 0.0},
                new int[]{TreeEnsembleRegressor.MISSING_NAN, TreeEnsembleRegressor.MISSING_NAN | TreeEnsembleRegressor.DEFAULT_LEFT},
                new int[]{~0, ~0}, new int[]{~1, ~1}, new double[]{-1, 1, 10, 5, 7});
    }

    @Test
    void walksTheTreesAsLightGbmDoes() {
        double[] out = new double[2];
        handBuilt().predict(new double[]{-1, 0.5}, out);
        assertArrayEquals(new double[]{9, 5}, out);
        handBuilt().predict(new double[]{1, 0.7}, out);
        assertArrayEquals(new double[]{11, 7}, out);
        handBuilt().predict(new double[]{Double.NaN, Double.NaN}, out);
        assertArrayEquals(new double[]{11, 5}, out);
    }

    @Test
    void rejectsInconsistentArrays() {
        assertThrows(IllegalArgumentException.class, () -> new TreeEnsembleRegressor(1, new int[]{1}, new int[]{0},
                new int[]{0}, new int[]{3}, new double[]{0}, new int[]{0}, new int[]{~0}, new int[]{~1}, new double[]{1, 2}));
        assertThrows(IllegalArgumentException.class, () -> new TreeEnsembleRegressor(1, new int[]{2}, new int[]{0},
                new int[]{0}, new int[]{0}, new double[]{0}, new int[]{0}, new int[]{~0}, new int[]{~1}, new double[]{1, 2}));
    }
}
