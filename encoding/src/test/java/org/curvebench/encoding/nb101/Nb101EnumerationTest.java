package org.curvebench.encoding.nb101;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

class Nb101EnumerationTest {

    private static List<String> prefix(long seed, int n) {
        Nb101Enumeration walk = new Nb101Enumeration(seed);
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            hashes.add(walk.next().orElseThrow().canonicalKey());
        }
        return hashes;
    }

    @Test
    void prefixesAreDistinctValidCellsFixedByTheSeed() {
        List<String> a = prefix(7, 2000);
        assertEquals(2000, new HashSet<>(a).size());
        assertEquals(a, prefix(7, 2000));
        assertNotEquals(a, prefix(8, 2000));
    }

    /** The whole walk yields NAS-Bench-101's published count of unique cells (about a minute: -Dcurvebench.slow=true). */
    @Test
    @EnabledIfSystemProperty(named = "curvebench.slow", matches = "true")
    void theFullWalkYieldsEveryCellOfTheSpaceOnce() {
        Nb101Enumeration walk = new Nb101Enumeration(0);
        assertEquals(1_293_208, walk.pairs());
        Set<Integer> sizes = new HashSet<>();
        int count = 0;
        for (Optional<Nb101Cell> c = walk.next(); c.isPresent(); c = walk.next()) {
            count++;
            sizes.add(c.get().vertices());
        }
        assertEquals(423_624, count);
        assertTrue(sizes.containsAll(List.of(2, 3, 4, 5, 6, 7)));
    }
}
