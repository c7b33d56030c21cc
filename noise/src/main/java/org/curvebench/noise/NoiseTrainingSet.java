package org.curvebench.noise;

import java.util.List;

/**
 * What a noise model learns from: for each training architecture its model input (features followed by the
 * mean model's predicted components) and its runs' curves (one row per seed).
 */
public record NoiseTrainingSet(double[][] inputs, List<double[][]> runs) {

    public NoiseTrainingSet {
        if (inputs.length != runs.size() || inputs.length == 0) {
            throw new IllegalArgumentException("need one input per architecture and at least one architecture");
        }
        runs = List.copyOf(runs);
    }

    public int epochs() {
        return runs.get(0)[0].length;
    }
}
