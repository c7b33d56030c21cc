package org.curvebench.surrogate.anytime;

import java.util.Arrays;
import java.util.List;
import org.curvebench.core.LearningCurve;
import org.curvebench.datasets.Metrics;
import org.curvebench.encoding.nb101.Nb101Cell;
import org.curvebench.encoding.nb101.Nb101Space;
import org.curvebench.surrogate.CurveSurrogate;

/**
 * The last epoch of the mean curves that NAS-Bench-101 surrogates predict: one surrogate of {@code val_acc}, one of
 * {@code test_acc}, or both. Every cell has an answer.
 */
public final class SurrogateAccuracies implements FinalAccuracies {

    private final CurveSurrogate validation;
    private final CurveSurrogate test;

    /** Surrogates of validation and test accuracy; either may be null, not both. */
    public SurrogateAccuracies(CurveSurrogate validation, CurveSurrogate test) {
        if (validation == null && test == null) {
            throw new IllegalArgumentException("anytime evaluation needs a surrogate of " + Metrics.VAL_ACC + " or "
                    + Metrics.TEST_ACC);
        }
        check(validation, Metrics.VAL_ACC);
        check(test, Metrics.TEST_ACC);
        this.validation = validation;
        this.test = test;
    }

    /** Sorts surrogates by the metric each predicts; fails for another metric or two of one metric. */
    public static SurrogateAccuracies byMetric(List<CurveSurrogate> surrogates) {
        CurveSurrogate val = null;
        CurveSurrogate test = null;
        for (CurveSurrogate s : surrogates) {
            if (s.metric().equals(Metrics.VAL_ACC) && val == null) {
                val = s;
            } else if (s.metric().equals(Metrics.TEST_ACC) && test == null) {
                test = s;
            } else {
                throw new IllegalArgumentException("a surrogate of " + s.metric() + " cannot be used here: give one "
                        + "surrogate of " + Metrics.VAL_ACC + " and at most one of " + Metrics.TEST_ACC);
            }
        }
        return new SurrogateAccuracies(val, test);
    }

    private static void check(CurveSurrogate s, String metric) {
        if (s == null) {
            return;
        }
        if (!s.space().name().equals(Nb101Space.NAME)) {
            throw new IllegalArgumentException("the " + metric + " surrogate is of space '" + s.space().name()
                    + "'; NAS-Bench-1Shot1's spaces need an nb101 surrogate (NB111)");
        }
        if (s.observedEpochs() > 0) {
            throw new IllegalArgumentException("the " + metric + " surrogate takes the first " + s.observedEpochs()
                    + " observed epochs of each curve; anytime evaluation needs one fitted with --observed-epochs 0");
        }
    }

    @Override
    public String source() {
        return "surrogate prediction at epoch " + (validation != null ? validation : test).epochs();
    }

    @Override
    public boolean hasValidation() {
        return validation != null;
    }

    @Override
    public boolean hasTest() {
        return test != null;
    }

    @Override
    public FinalAccuracy[] of(List<Nb101Cell> cells) {
        double[] val = last(validation, cells);
        double[] tst = last(test, cells);
        FinalAccuracy[] out = new FinalAccuracy[cells.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new FinalAccuracy(val[i], tst[i]);
        }
        return out;
    }

    private static double[] last(CurveSurrogate s, List<Nb101Cell> cells) {
        double[] out = new double[cells.size()];
        if (s == null) {
            Arrays.fill(out, Double.NaN);
            return out;
        }
        List<LearningCurve> curves = s.meanCurves(cells);
        for (int i = 0; i < out.length; i++) {
            out[i] = curves.get(i).last();
        }
        return out;
    }
}
