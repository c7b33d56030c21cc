package org.curvebench.search.lce;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.curvebench.search.Observation;
import org.curvebench.search.Optimizer;
import org.curvebench.search.Request;

/**
 * NAS-Bench-x11's recipe (its Algorithm 2) around a single-fidelity optimizer. The first {@link #WARM_UP} candidates
 * are trained fully. After that each candidate the optimizer asks for is trained only to the extrapolation epochs
 * and its final value predicted; if the prediction beats the worst of the top fraction of the final values
 * observed so far, the candidate is trained fully (costing only the remaining epochs) and the optimizer is told
 * its real result, otherwise the optimizer is told the prediction. The incumbent is therefore always a real result.
 * NAS-Bench-x11 drops rejected candidates; an ask/tell optimizer must hear about every candidate, and a
 * prediction below the bar ranks it low.
 */
public final class LceOptimizer implements Optimizer {

    /** Candidates trained fully before any extrapolation, so that there is a bar to compare with. */
    public static final int WARM_UP = 10;

    private final Optimizer inner;
    private final LcePredictor predictor;
    private final int fewEpochs;
    private final double top;
    private final int epochs;
    private final boolean maximize;
    /** Scores of the final values observed, ascending. */
    private final List<Double> finals = new ArrayList<>();
    private final Set<String> learned = new HashSet<>();
    /** Predictions already made in this trial, by architecture: asking again costs neither training nor fitting. */
    private final Map<String, Double> predictions = new HashMap<>();
    private Request pendingFull;

    public LceOptimizer(Optimizer inner, LcePredictor predictor, int fewEpochs, double top, int epochs,
                        boolean maximize) {
        this.inner = inner;
        this.predictor = predictor;
        this.fewEpochs = fewEpochs;
        this.top = top;
        this.epochs = epochs;
        this.maximize = maximize;
    }

    @Override
    public Request ask() {
        if (pendingFull != null) {
            return pendingFull;
        }
        Request r = inner.ask();
        boolean full = finals.size() < WARM_UP || learned.contains(r.architecture().canonicalKey());
        return full ? r : new Request(r.architecture(), Math.min(fewEpochs, r.epochs()));
    }

    @Override
    public void tell(Observation o) {
        if (o.epochs() >= epochs) {
            pendingFull = null;
            if (learned.add(o.architecture().canonicalKey())) {
                predictor.learn(o.architecture(), o.curve());
                int at = Collections.binarySearch(finals, o.score());
                finals.add(at >= 0 ? at : -at - 1, o.score());
            }
            inner.tell(o);
            return;
        }
        String key = o.architecture().canonicalKey();
        Double known = predictions.get(key);
        double predicted = known != null ? known : predictor.predict(o.architecture(), o.curve(), epochs);
        predictions.put(key, predicted);
        double score = maximize ? predicted : -predicted;
        int keep = Math.max(1, (int) (finals.size() * top));
        double bar = finals.get(finals.size() - keep);
        if (score > bar) {
            pendingFull = new Request(o.architecture(), epochs);
            return;
        }
        inner.tell(new Observation(o.architecture(), epochs, o.curve(), predicted, score, true));
    }
}
