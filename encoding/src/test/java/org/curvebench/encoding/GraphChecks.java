package org.curvebench.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.curvebench.core.CellGraph;
import org.curvebench.core.GraphSchema;

/** Checks of a cell graph against its schema, written out rather than trusting {@link CellGraph#of}. */
public final class GraphChecks {

    private GraphChecks() {
    }

    /**
     * Asserts the invariants of {@link CellGraph}: 1..maxNodes nodes, node labels in the schema, node 0 an input
     * (its label one of {@code inputLabels}), every edge from a lower to a higher node, edge labels present exactly
     * when the schema has them.
     */
    public static void assertValid(GraphSchema schema, CellGraph g, Set<String> inputLabels) {
        assertTrue(g.nodeCount() >= 1 && g.nodeCount() <= schema.maxNodes(),
                g.nodeCount() + " nodes, schema allows " + schema.maxNodes() + ": " + g);
        for (int v = 0; v < g.nodeCount(); v++) {
            assertTrue(g.nodeLabel(v) >= 0 && g.nodeLabel(v) < schema.nodeLabels().size(), "node " + v + " of " + g);
        }
        assertTrue(inputLabels.contains(schema.nodeLabels().get(g.nodeLabel(0))), "node 0 is not an input: " + g);
        for (int e = 0; e < g.edgeCount(); e++) {
            int from = g.edgeFrom(e);
            int to = g.edgeTo(e);
            assertTrue(from >= 0 && from < to && to < g.nodeCount(), "edge " + e + " of " + g);
            if (schema.labelledEdges()) {
                assertTrue(g.edgeLabel(e) >= 0 && g.edgeLabel(e) < schema.edgeLabels().size(),
                        "edge " + e + " of " + g);
            } else {
                assertEquals(CellGraph.NO_LABEL, g.edgeLabel(e), "edge " + e + " of " + g);
            }
        }
    }
}
