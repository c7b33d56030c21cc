package org.curvebench.datasets.simulated;

import org.curvebench.datasets.CurveDataset;

/**
 * A generated tabular benchmark whose true mean curves and noise are known: the embedded demo data and the
 * ground truth of strong tests. Never real results.
 */
public interface SimulatedBenchmark {

    /** The simulated runs. */
    CurveDataset dataset();

    /** The true mean validation-accuracy curve of an architecture, by canonical key. */
    double[] trueMean(String key);

    /** The true per-epoch noise standard deviation of an architecture's validation accuracy (spikes aside). */
    double[] trueSigma(String key);
}
