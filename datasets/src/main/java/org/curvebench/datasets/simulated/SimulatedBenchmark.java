package org.curvebench.datasets.simulated;

import java.util.Map;
import org.curvebench.datasets.CurveDataset;

/**
 * A generated tabular benchmark whose true mean curves and noise are known: the embedded demo data and the
 * ground truth of strong tests. Never real results. Made by {@link SimulatedNb201Benchmark} and
 * {@link SimulatedNb101Benchmark}.
 */
public final class SimulatedBenchmark {

    private final CurveDataset dataset;
    private final Map<String, double[]> trueMean;
    private final Map<String, double[]> trueSigma;

    SimulatedBenchmark(CurveDataset dataset, Map<String, double[]> trueMean, Map<String, double[]> trueSigma) {
        this.dataset = dataset;
        this.trueMean = Map.copyOf(trueMean);
        this.trueSigma = Map.copyOf(trueSigma);
    }

    /** The simulated runs. */
    public CurveDataset dataset() {
        return dataset;
    }

    /** The true mean validation-accuracy curve of an architecture, by canonical key. */
    public double[] trueMean(String key) {
        return trueMean.get(key).clone();
    }

    /** The true per-epoch noise standard deviation of an architecture's validation accuracy (spikes aside). */
    public double[] trueSigma(String key) {
        return trueSigma.get(key).clone();
    }
}
