package org.curvebench.encoding.nb201;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.curvebench.core.CellGraph;
import org.curvebench.core.GraphSchema;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.GraphChecks;
import org.junit.jupiter.api.Test;

class Nb201SamplingTest {

    private static final String CELL =
            "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|";
    private final Nb201Space space = new Nb201Space();
    private final GraphSchema schema = space.graphSchema().orElseThrow();

    @Test
    void theGraphHasFourNodesAndSixLabelledEdgesNoneIncluded() {
        assertEquals(List.of("input", "intermediate", "output"), schema.nodeLabels());
        assertEquals(Nb201Cell.OPS, schema.edgeLabels());
        assertEquals(4, schema.maxNodes());
        CellGraph g = space.graph(space.parse(CELL)).orElseThrow();
        GraphChecks.assertValid(schema, g, Set.of("input"));
        assertEquals(4, g.nodeCount());
        assertEquals(List.of(0, 1, 1, 2), List.of(g.nodeLabel(0), g.nodeLabel(1), g.nodeLabel(2), g.nodeLabel(3)));
        assertEquals(6, g.edgeCount());
        StringBuilder edges = new StringBuilder();
        for (int e = 0; e < g.edgeCount(); e++) {
            edges.append(g.edgeFrom(e)).append("->").append(g.edgeTo(e)).append(':')
                    .append(schema.edgeLabels().get(g.edgeLabel(e))).append(' ');
        }
        assertEquals("0->1:nor_conv_3x3 0->2:none 1->2:skip_connect 0->3:avg_pool_3x3 1->3:nor_conv_1x1 2->3:none ",
                edges.toString());
    }

    @Test
    void indicesNumberEveryCellOnce() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < Nb201Cell.CELLS; i++) {
            Nb201Cell c = Nb201Cell.ofIndex(i);
            assertEquals(i, c.index());
            keys.add(c.canonicalKey());
            GraphChecks.assertValid(schema, space.graph(c).orElseThrow(), Set.of("input"));
        }
        assertEquals(15_625, keys.size());
        assertEquals("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|", Nb201Cell.ofIndex(0).toNb201String());
        assertEquals(3, Nb201Cell.ofIndex(3).op(0));
        assertEquals(1, Nb201Cell.ofIndex(5).op(1));
        assertThrows(IllegalArgumentException.class, () -> Nb201Cell.ofIndex(Nb201Cell.CELLS));
        assertThrows(IllegalArgumentException.class, () -> Nb201Cell.ofIndex(-1));
    }

    @Test
    void samplesAreUniformOverTheCells() {
        SplittableRandom random = new SplittableRandom(8);
        int draws = 50_000;
        int[][] counts = new int[Nb201Cell.EDGES][Nb201Cell.OPS.size()];
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < draws; i++) {
            Nb201Cell c = space.sample(random);
            keys.add(c.canonicalKey());
            for (int e = 0; e < Nb201Cell.EDGES; e++) {
                counts[e][c.op(e)]++;
            }
        }
        // each op on each edge 1/5 of the time (sd about 0.0018), and 50,000 uniform draws miss a cell with
        // probability e^-3.2, about 4% of the 15,625
        for (int[] edge : counts) {
            for (int n : edge) {
                assertEquals(0.2, n / (double) draws, 0.01);
            }
        }
        assertTrue(keys.size() > 14_700 && keys.size() < 15_400, keys.size() + " distinct cells");
    }

    @Test
    void everyCellHasTwentyFourNeighboursOneEdgeAway() {
        Nb201Cell cell = space.parse(CELL);
        List<Architecture> neighbours = space.neighbours(cell);
        assertEquals(24, neighbours.size());
        Set<String> keys = new HashSet<>();
        for (Architecture a : neighbours) {
            Nb201Cell n = (Nb201Cell) a;
            int changed = 0;
            for (int e = 0; e < Nb201Cell.EDGES; e++) {
                changed += n.op(e) != cell.op(e) ? 1 : 0;
            }
            assertEquals(1, changed, n.toString());
            keys.add(n.canonicalKey());
        }
        assertEquals(24, keys.size());
        assertEquals("|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|",
                cell.toNb201String());
        assertEquals("|none~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|",
                neighbours.get(0).canonicalKey());
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            Nb201Cell c = space.sample(random);
            assertEquals(24, space.neighbours(c).size());
            assertEquals(24, new HashSet<>(space.neighbours(c)).size());
            assertTrue(!space.neighbours(c).contains(c));
        }
    }
}
