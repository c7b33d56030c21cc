package org.curvebench.search.lce;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.curvebench.search.Observation;
import org.curvebench.search.Optimizer;
import org.curvebench.search.Request;

/**
 * NAS-Bench-x11's recipe (its Algorithm 2) around a single-fidelity optimizer: each candidate it asks for is trained
 * only to the extrapolation epochs, its final value predicted and told to the optimizer in place of the real one;
 * a candidate whose prediction ranks in the top fraction of the trial's predictions so far is then trained fully
 * (costing only the remaining epochs), so the incumbent is always a real result.
 */
public final class LceOptimizer implements Optimizer {

    private final Optimizer inner;
    private final LcePredictor predictor;
    private final int fewEpochs;
    private final double top;
    private final int epochs;
    private final Deque<Request> toFinish = new ArrayDeque<>();
    /** Scores of the predictions so far, ascending. */
    private final List<Double> predictions = new ArrayList<>();
    private final boolean maximize;
    private final Set<String> learned = new HashSet<>();

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
        if (!toFinish.isEmpty()) {
            return toFinish.removeFirst();
        }
        Request r = inner.ask();
        return new Request(r.architecture(), Math.min(fewEpochs, r.epochs()));
    }

    @Override
    public void tell(Observation o) {
        if (o.epochs() >= epochs) {
            if (learned.add(o.architecture().canonicalKey())) {
                predictor.learn(o.architecture(), o.curve());
            }
            return;
        }
        double predicted = predictor.predict(o.architecture(), o.curve(), epochs);
        double score = maximize ? predicted : -predicted;
        int at = Collections.binarySearch(predictions, score);
        int index = at >= 0 ? at : -at - 1;
        predictions.add(index, score);
        int better = predictions.size() - 1 - index;
        if (better < Math.ceil(top * predictions.size())) {
            toFinish.addLast(new Request(o.architecture(), epochs));
        }
        inner.tell(new Observation(o.architecture(), epochs, o.curve(), predicted, score, true));
    }
}
