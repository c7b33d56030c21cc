package org.curvebench.noise;

import java.util.List;
import org.curvebench.core.ModelInputs;

/**
 * What a noise model learns from: for each training architecture its model input (features followed by the
 * mean model's predicted components appended) and its runs' curves (one row per seed).
 */
public record NoiseTrainingSet(ModelInputs inputs, List<double[][]> runs) {

    public NoiseTrainingSet {
        if (inputs.size() != runs.size() || inputs.size() == 0) {
            throw new IllegalArgumentException("need one input per architecture and at least one architecture");
        }
        runs = List.copyOf(runs);
    }

    public int epochs() {
        return runs.get(0)[0].length;
    }
}
