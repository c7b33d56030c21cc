package org.curvebench.surrogate.anytime;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.curvebench.core.Progress;
import org.curvebench.encoding.EnumerableSpace;
import org.curvebench.encoding.SearchSpace;
import org.curvebench.encoding.SubSpace;
import org.curvebench.encoding.nb101.Nb101Cell;
import org.curvebench.encoding.nb101.Nb101Space;

/**
 * The best validation and test accuracy any architecture of a sub-space reaches, each maximised on its own (as
 * NAS-Bench-1Shot1 takes its spaces' lowest validation and test errors), over the cells the source holds.
 *
 * @param validation best validation accuracy (NaN when the source has none)
 * @param test       best test accuracy (NaN when the source has none)
 * @param cells      distinct cells (module hashes) of the sub-space
 * @param held       how many of them the source holds
 */
public record SubSpaceBest(double validation, double test, long cells, long held) {

    private static final int BATCH = 4096;

    /**
     * Walks {@code space}, an enumerable sub-space of NAS-Bench-101, and looks up each distinct cell in
     * {@code source}; fails when the source holds none.
     */
    public static SubSpaceBest of(SearchSpace space, FinalAccuracies source, Progress progress) {
        if (!(space instanceof SubSpace sub && space instanceof EnumerableSpace all)
                || !sub.parentSpace().equals(Nb101Space.NAME)) {
            throw new IllegalArgumentException("space '" + space.name() + "' is not an enumerable sub-space of "
                    + Nb101Space.NAME + " such as 1shot1-1");
        }
        Set<String> seen = new HashSet<>();
        List<Nb101Cell> batch = new ArrayList<>(BATCH);
        double[] best = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        long[] held = new long[1];
        all.forEachArchitecture(a -> {
            Nb101Cell cell = (Nb101Cell) sub.inParent(a);
            if (seen.add(cell.canonicalKey())) {
                batch.add(cell);
                if (batch.size() == BATCH) {
                    held[0] += look(source, batch, best);
                }
            }
        }, progress.prefixed("best of " + space.name() + ": "));
        held[0] += look(source, batch, best);
        if (held[0] == 0) {
            throw new IllegalArgumentException(source.source() + " holds none of the " + seen.size() + " cells of "
                    + space.name());
        }
        return new SubSpaceBest(source.hasValidation() ? best[0] : Double.NaN, source.hasTest() ? best[1] : Double.NaN,
                seen.size(), held[0]);
    }

    private static long look(FinalAccuracies source, List<Nb101Cell> batch, double[] best) {
        long held = 0;
        for (FinalAccuracy a : source.of(batch)) {
            if (a != null) {
                held++;
                best[0] = Math.max(best[0], a.validation());
                best[1] = Math.max(best[1], a.test());
            }
        }
        batch.clear();
        return held;
    }
}
