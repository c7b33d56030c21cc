package org.curvebench.search;

import java.util.List;
import org.curvebench.core.LearningCurve;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.SearchSpace;
import org.curvebench.surrogate.SurrogateBenchmark;

/**
 * A surrogate as a benchmark to search on: a training gives the surrogate's noisy curve for its seed, or the mean
 * curve when noise is off. Surrogates that need observed first epochs as input cannot be searched on (nothing has
 * been trained when an optimizer asks), and are refused.
 */
public final class SurrogateCurves implements Benchmark {

    private final SurrogateBenchmark surrogate;
    private final boolean noisy;

    public SurrogateCurves(SurrogateBenchmark surrogate, boolean noisy) {
        if (surrogate.observedEpochs() > 0) {
            throw new IllegalArgumentException("this surrogate takes the first " + surrogate.observedEpochs()
                    + " epochs of a curve as input, which a search does not have; fit one with --observed-epochs 0");
        }
        this.surrogate = surrogate;
        this.noisy = noisy;
    }

    @Override
    public SearchSpace space() {
        return surrogate.space();
    }

    @Override
    public String metric() {
        return surrogate.metric();
    }

    @Override
    public int epochs() {
        return surrogate.epochs();
    }

    @Override
    public String description() {
        return "surrogate of space " + space().name() + " (" + metric() + ", " + epochs() + " epochs, "
                + (noisy ? "noisy curves" : "mean curves") + ")";
    }

    @Override
    public LearningCurve trainingCurve(Architecture architecture, long seed) {
        return noisy ? surrogate.noisyCurve(architecture, seed) : surrogate.meanCurve(architecture);
    }

    @Override
    public double meanFinal(Architecture architecture) {
        return surrogate.meanCurve(architecture).last();
    }

    @Override
    public double[] meanFinals(List<? extends Architecture> architectures) {
        List<LearningCurve> curves = surrogate.meanCurves(architectures);
        double[] out = new double[curves.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = curves.get(i).last();
        }
        return out;
    }
}
