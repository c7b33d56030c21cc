package org.curvebench.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.curvebench.core.CellGraph;
import org.curvebench.core.GraphSchema;
import org.curvebench.encoding.features.FeatureVector;
import org.junit.jupiter.api.Test;

/** What every installed space promises about graphs, samples and neighbours. */
class SpaceSamplingTest {

    /** The labels of each space's input nodes. */
    private static final Map<String, Set<String>> INPUTS = Map.of(
            "nb101", Set.of("input"),
            "nb201", Set.of("input"),
            "nlp", Set.of("x"),
            "1shot1-1", Set.of("input"),
            "1shot1-2", Set.of("input"),
            "1shot1-3", Set.of("input"),
            "darts", Set.of("input_0"));

    private static List<SearchSpace> graphSpaces() {
        List<SearchSpace> spaces = new ArrayList<>();
        for (String name : INPUTS.keySet()) {
            spaces.add(SearchSpaces.installed().get(name));
        }
        return spaces;
    }

    @Test
    void samplesAreValidKeyedAndGraphedWithinTheSchema() {
        for (SearchSpace space : graphSpaces()) {
            GraphSchema schema = space.graphSchema().orElseThrow();
            SplittableRandom random = new SplittableRandom(7);
            for (int i = 0; i < 300; i++) {
                Architecture a = space.sample(random);
                Architecture reparsed = space.parse(a.toJson());
                assertEquals(a.canonicalKey(), reparsed.canonicalKey(), space.name() + ": " + a);
                CellGraph g = space.graph(a).orElseThrow();
                GraphChecks.assertValid(schema, g, INPUTS.get(space.name()));
                assertEquals(g, space.graph(reparsed).orElseThrow(), space.name() + ": " + a);
                space.defaultEncoder().encode(a);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameArchitectures() {
        for (SearchSpace space : graphSpaces()) {
            SplittableRandom a = new SplittableRandom(2024);
            SplittableRandom b = new SplittableRandom(2024);
            SplittableRandom other = new SplittableRandom(2025);
            List<String> first = new ArrayList<>();
            List<String> second = new ArrayList<>();
            List<String> third = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                first.add(space.sample(a).canonicalKey());
                second.add(space.sample(b).canonicalKey());
                third.add(space.sample(other).canonicalKey());
            }
            assertEquals(first, second, space.name());
            assertNotEquals(first, third, space.name());
            Architecture start = space.sample(new SplittableRandom(1));
            assertEquals(space.mutate(start, new SplittableRandom(3)), space.mutate(start, new SplittableRandom(3)),
                    space.name());
        }
    }

    @Test
    void neighboursAreValidDistinctAndGraphed() {
        for (SearchSpace space : graphSpaces()) {
            GraphSchema schema = space.graphSchema().orElseThrow();
            SplittableRandom random = new SplittableRandom(11);
            for (int i = 0; i < 40; i++) {
                Architecture a = space.sample(random);
                List<Architecture> neighbours = space.neighbours(a);
                if (neighbours.isEmpty()) {
                    // only NAS-Bench-101's smallest cell, input -> output, has no valid one-edit neighbour
                    assertEquals("043721b9c7fe8c5fad811d47d83132ec", a.canonicalKey(), space.name() + ": " + a);
                    continue;
                }
                assertEquals(neighbours, space.neighbours(a), "neighbours come in a fixed order");
                Set<String> keys = new HashSet<>();
                for (Architecture n : neighbours) {
                    assertNotEquals(a.canonicalKey(), n.canonicalKey(), space.name() + ": " + a + " -> " + n);
                    assertTrue(keys.add(n.canonicalKey()), "repeated neighbour " + n + " of " + a);
                    assertEquals(n.canonicalKey(), space.parse(n.toJson()).canonicalKey());
                    GraphChecks.assertValid(schema, space.graph(n).orElseThrow(), INPUTS.get(space.name()));
                }
                Architecture mutated = space.mutate(a, random);
                assertTrue(keys.contains(mutated.canonicalKey()), space.name() + ": mutate gives a neighbour");
            }
        }
    }

    @Test
    void featureVectorsHaveNoGraphAndNothingToSample() {
        SearchSpace features = SearchSpaces.installed().get("features");
        FeatureVector v = new FeatureVector(new double[] {1, 2});
        assertTrue(features.graphSchema().isEmpty());
        assertTrue(features.graph(v).isEmpty());
        String msg = assertThrows(UnsupportedOperationException.class,
                () -> features.sample(new SplittableRandom(0))).getMessage();
        assertTrue(msg.contains("no space to sample from"), msg);
        msg = assertThrows(UnsupportedOperationException.class, () -> features.neighbours(v)).getMessage();
        assertTrue(msg.contains("no space to sample from"), msg);
        assertThrows(UnsupportedOperationException.class, () -> features.mutate(v, new SplittableRandom(0)));
    }
}
