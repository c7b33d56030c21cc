package org.curvebench.surrogate.anytime;

import java.util.List;
import org.curvebench.datasets.nb101.Nb101Dataset;
import org.curvebench.datasets.nb101.Nb101Metrics;
import org.curvebench.datasets.nb101.Nb101RepeatStats;
import org.curvebench.encoding.nb101.Nb101Cell;

/** Mean final validation and test accuracy over a cell's repeats at one budget of a NAS-Bench-101 file. */
public final class TabularAccuracies implements FinalAccuracies {

    private final Nb101Dataset data;
    private final int epochs;
    private final String source;

    public TabularAccuracies(Nb101Dataset data, int epochs, String source) {
        if (!data.budgets().contains(epochs)) {
            throw new IllegalArgumentException(source + " has no runs at " + epochs + " epochs; it has budgets "
                    + data.budgets());
        }
        this.data = data;
        this.epochs = epochs;
        this.source = source;
    }

    @Override
    public String source() {
        return source + " (" + epochs + " epochs)";
    }

    @Override
    public boolean hasValidation() {
        return true;
    }

    @Override
    public boolean hasTest() {
        return true;
    }

    @Override
    public FinalAccuracy[] of(List<Nb101Cell> cells) {
        FinalAccuracy[] out = new FinalAccuracy[cells.size()];
        for (int i = 0; i < out.length; i++) {
            String hash = cells.get(i).canonicalKey();
            if (data.hashes().contains(hash)) {
                Nb101Metrics m = data.query(hash, epochs);
                out[i] = new FinalAccuracy(m.meanFinalValidationAccuracy(),
                        m.repeats().stream().mapToDouble(Nb101RepeatStats::finalTestAccuracy).average().orElseThrow());
            }
        }
        return out;
    }
}
