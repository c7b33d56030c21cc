package org.curvebench.search.optimizers;

import java.util.ArrayList;
import java.util.List;
import org.curvebench.encoding.Architecture;
import org.curvebench.search.Observation;
import org.curvebench.search.Optimizer;
import org.curvebench.search.OptimizerProvider;
import org.curvebench.search.Request;
import org.curvebench.search.SearchContext;

/**
 * {@code hb}: Hyperband (Li et al. 2018) with eta 3 between the space's minimum and full epochs: brackets from the
 * most aggressive (many candidates at the minimum epochs) to plain full training, in turn, with random candidates.
 */
public final class Hyperband implements OptimizerProvider {

    static final int ETA = 3;

    @Override
    public String name() {
        return "hb";
    }

    @Override
    public String description() {
        return "Hyperband (eta " + ETA + ", brackets from the minimum to the full epochs)";
    }

    @Override
    public boolean multiFidelity() {
        return true;
    }

    @Override
    public Optimizer create(SearchContext context) {
        return new Brackets(context, false, null);
    }

    /** Proposes a bracket's first candidates from what the trial has seen (BOHB's models); null: at random. */
    interface Proposer {
        List<Architecture> propose(int n);

        void observe(Observation observation);
    }

    /** Runs brackets one after another; only the most aggressive one for successive halving. */
    static final class Brackets implements Optimizer {
        private final SearchContext context;
        private final boolean halvingOnly;
        private final int sMax;
        private int s;
        private final Proposer proposer;
        private Bracket current;

        Brackets(SearchContext context, boolean halvingOnly, Proposer proposer) {
            this.context = context;
            this.halvingOnly = halvingOnly;
            this.proposer = proposer;
            this.sMax = Bracket.maxS(context, ETA);
            this.s = sMax;
        }

        @Override
        public Request ask() {
            if (current == null || current.finished()) {
                current = newBracket();
            }
            Request r = current.next();
            if (r == null) {
                throw new IllegalStateException("successive halving asked before a rung was complete");
            }
            return r;
        }

        private Bracket newBracket() {
            int bracket = halvingOnly ? sMax : s;
            if (!halvingOnly) {
                s = s == 0 ? sMax : s - 1;
            }
            int n = (int) Math.ceil((double) (sMax + 1) / (bracket + 1) * Math.pow(ETA, bracket));
            if (proposer != null) {
                return new Bracket(context, ETA, bracket, proposer.propose(n));
            }
            List<Architecture> first = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                first.add(context.sample());
            }
            return new Bracket(context, ETA, bracket, first);
        }

        @Override
        public void tell(Observation observation) {
            if (proposer != null) {
                proposer.observe(observation);
            }
            current.tell(observation);
        }
    }
}
