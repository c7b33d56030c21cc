package org.curvebench.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.SearchSpace;
import org.curvebench.encoding.nb201.Nb201Cell;
import org.curvebench.encoding.nb201.Nb201Space;

/**
 * Lists every architecture of the spaces small enough to score whole (NAS-Bench-201's 15,625 cells), so that
 * regret is exact there; other spaces are scored against a large sample.
 */
final class SpaceEnumeration {

    private SpaceEnumeration() {
    }

    static Optional<List<Architecture>> of(SearchSpace space) {
        if (space instanceof Nb201Space) {
            List<Architecture> all = new ArrayList<>(Nb201Cell.CELLS);
            for (int i = 0; i < Nb201Cell.CELLS; i++) {
                all.add(Nb201Cell.ofIndex(i));
            }
            return Optional.of(all);
        }
        return Optional.empty();
    }
}
