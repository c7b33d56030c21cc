package org.curvebench.search.optimizers;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import org.curvebench.encoding.Architecture;
import org.curvebench.search.Observation;
import org.curvebench.search.Request;
import org.curvebench.search.SearchContext;

/**
 * One successive-halving bracket, ask/tell: {@code n} candidates trained to the first rung's epochs, then the best
 * {@code 1/eta} of each rung continued to {@code eta} times the epochs, until the full training.
 */
final class Bracket {

    private final SearchContext context;
    private final int eta;
    private final int[] rungEpochs;
    private int rung;
    private final Deque<Architecture> queue = new ArrayDeque<>();
    private final List<Observation> results = new ArrayList<>();
    private int waiting;

    /**
     * A bracket of {@code n} candidates from {@code first} (drawn by the caller, for models that propose them) over
     * {@code s + 1} rungs ending at the full epochs.
     */
    Bracket(SearchContext context, int eta, int s, List<Architecture> first) {
        this.context = context;
        this.eta = eta;
        this.rungEpochs = new int[s + 1];
        for (int i = 0; i <= s; i++) {
            double e = context.epochs() * Math.pow(eta, -(s - i));
            rungEpochs[i] = Math.max(context.minEpochs(), Math.min(context.epochs(), (int) Math.round(e)));
        }
        queue.addAll(first);
        waiting = first.size();
    }

    /** Hyperband's rung count minus one for this context: how often the minimum epochs can be multiplied by eta. */
    static int maxS(SearchContext context, int eta) {
        int s = 0;
        while (context.minEpochs() * Math.pow(eta, s + 1) <= context.epochs() + 1e-9) {
            s++;
        }
        return s;
    }

    boolean finished() {
        return queue.isEmpty() && waiting == 0 && rung >= rungEpochs.length;
    }

    /** The next training of this bracket, or null while it waits for results or when it is finished. */
    Request next() {
        if (queue.isEmpty()) {
            return null;
        }
        return new Request(queue.removeFirst(), rungEpochs[rung]);
    }

    void tell(Observation o) {
        results.add(o);
        waiting--;
        if (waiting == 0 && queue.isEmpty()) {
            promote();
        }
    }

    private void promote() {
        rung++;
        if (rung >= rungEpochs.length) {
            return;
        }
        int keep = Math.max(1, results.size() / eta);
        List<Observation> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingDouble(Observation::score).reversed());
        results.clear();
        for (int i = 0; i < keep; i++) {
            queue.addLast(sorted.get(i).architecture());
        }
        waiting = keep;
    }
}
