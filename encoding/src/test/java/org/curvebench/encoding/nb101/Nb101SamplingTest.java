package org.curvebench.encoding.nb101;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.curvebench.core.CellGraph;
import org.curvebench.core.GraphSchema;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.GraphChecks;
import org.junit.jupiter.api.Test;

class Nb101SamplingTest {

    private static final String IN = Nb101Cell.INPUT;
    private static final String OUT = Nb101Cell.OUTPUT;
    private static final String C3 = Nb101Cell.CONV3X3;
    private static final String C1 = Nb101Cell.CONV1X1;
    private static final String MP = Nb101Cell.MAXPOOL3X3;

    private final Nb101Space space = new Nb101Space();
    private final GraphSchema schema = space.graphSchema().orElseThrow();

    private CellGraph graph(Nb101Cell cell) {
        CellGraph g = space.graph(cell).orElseThrow();
        GraphChecks.assertValid(schema, g, Set.of(IN));
        return g;
    }

    @Test
    void schemaLabelsNodesByOperationAndLeavesEdgesBare() {
        assertEquals(List.of(IN, C1, C3, MP, OUT), schema.nodeLabels());
        assertTrue(schema.edgeLabels().isEmpty());
        assertEquals(7, schema.maxNodes());
    }

    @Test
    void theGraphIsThePrunedCell() {
        // as in Nb101CellTest: 8 raw vertices and 10 edges, of which pruning keeps 6 vertices and 7 edges
        int[][] m = new int[8][8];
        m[0][1] = 1;
        m[1][4] = 1;
        m[4][5] = 1;
        m[5][6] = 1;
        m[6][7] = 1;
        m[0][2] = 1;
        m[3][7] = 1;
        m[3][4] = 1;
        m[0][5] = 1;
        m[1][7] = 1;
        CellGraph g = graph(Nb101Cell.of(m, List.of(IN, C3, C1, MP, C1, C3, MP, OUT)));
        assertEquals(6, g.nodeCount());
        assertEquals(7, g.edgeCount());
        int[] labels = new int[6];
        for (int v = 0; v < 6; v++) {
            labels[v] = g.nodeLabel(v);
        }
        // input, conv3x3, conv1x1, conv3x3, maxpool, output
        assertArrayEquals(new int[] {0, 2, 1, 2, 3, 4}, labels);
        StringBuilder edges = new StringBuilder();
        for (int e = 0; e < g.edgeCount(); e++) {
            edges.append(g.edgeFrom(e)).append(g.edgeTo(e)).append(' ');
        }
        assertEquals("01 03 12 15 23 34 45 ", edges.toString());
    }

    @Test
    void graphsOfTheNasBench101SampleMatchTheirModules() throws IOException {
        Path file = Nb101CellTest.shared().resolve("data/nasbench101-sample/nb101_dummy.json");
        assumeTrue(Files.isRegularFile(file), "shared NAS-Bench-101 sample not present: " + file);
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            JsonNode cell = it.next().getValue();
            JsonNode adjacency = cell.get("module_adjacency");
            JsonNode ops = cell.get("module_operations");
            CellGraph g = graph(Nb101CellTest.cellOf(adjacency, ops));
            int edges = 0;
            for (JsonNode row : adjacency) {
                for (JsonNode x : row) {
                    edges += x.intValue();
                }
            }
            assertEquals(ops.size(), g.nodeCount());
            assertEquals(edges, g.edgeCount());
            for (int v = 0; v < g.nodeCount(); v++) {
                assertEquals(ops.get(v).asText(), schema.nodeLabels().get(g.nodeLabel(v)));
            }
            for (int e = 0; e < g.edgeCount(); e++) {
                assertEquals(1, adjacency.get(g.edgeFrom(e)).get(g.edgeTo(e)).intValue());
            }
            checked++;
        }
        assertEquals(30, checked);
        Nb101Cell six = Nb101CellTest.cellOf(root.get("ff958f8d8f556448ff2a5973f17ff22a").get("module_adjacency"),
                root.get("ff958f8d8f556448ff2a5973f17ff22a").get("module_operations"));
        assertEquals(6, graph(six).nodeCount());
        assertEquals(9, graph(six).edgeCount());
    }

    @Test
    void samplesFollowNasBench101sSampler() {
        SplittableRandom random = new SplittableRandom(3);
        Map<String, Integer> counts = new HashMap<>();
        int[] byVertices = new int[8];
        int draws = 3000;
        for (int i = 0; i < draws; i++) {
            Nb101Cell c = space.sample(random);
            assertTrue(c.vertices() >= 2 && c.vertices() <= 7 && c.edges() <= 9, c.toString());
            assertEquals(c.canonicalKey(), space.parse(c.toJson()).canonicalKey());
            counts.merge(c.canonicalKey(), 1, Integer::sum);
            byVertices[c.vertices()]++;
        }
        // Edges with probability 1/2 give ~10.5 edges on 7 vertices, so the <= 9 edge rule keeps the sparse specs,
        // which pruning shrinks: the sampler favours small cells, and the lone input->output edge (probability
        // about 0.09) is its most frequent cell. 7-vertex cells are rare, but every size occurs.
        for (int v = 2; v <= 7; v++) {
            assertTrue(byVertices[v] > 0, "no sample with " + v + " vertices");
        }
        assertTrue(byVertices[7] < 0.05 * draws && byVertices[5] > 0.2 * draws, java.util.Arrays.toString(byVertices));
        int single = counts.get(Nb101Cell.fromLabels(new int[][] {{0, 1}, {0, 0}}, new int[] {-1, -2}).canonicalKey());
        assertEquals(0.09, single / (double) draws, 0.02);
        assertEquals(single, counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow());
        assertTrue(counts.size() > draws / 3, counts.size() + " distinct of " + draws);
    }

    @Test
    void theLoneInputToOutputEdgeHasNoNeighbours() {
        Nb101Cell single = Nb101Cell.fromLabels(new int[][] {{0, 1}, {0, 0}}, new int[] {-1, -2});
        assertTrue(space.neighbours(single).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> space.mutate(single, new SplittableRandom(0)));
    }

    @Test
    void neighboursOfAChainChangeAnOpOrAddTheSkip() {
        Nb101Cell chain = Nb101Cell.of(new int[][] {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}}, List.of(IN, C3, OUT));
        List<Architecture> neighbours = space.neighbours(chain);
        // removing either edge disconnects the output, so only the two op changes and the added skip remain
        assertEquals(List.of(
                Nb101Cell.of(new int[][] {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}}, List.of(IN, C1, OUT)),
                Nb101Cell.of(new int[][] {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}}, List.of(IN, MP, OUT)),
                Nb101Cell.of(new int[][] {{0, 1, 1}, {0, 0, 1}, {0, 0, 0}}, List.of(IN, C3, OUT))), neighbours);
    }

    @Test
    void isomorphicNeighboursCountOnce() {
        int[][] diamond = {{0, 1, 1, 0}, {0, 0, 0, 1}, {0, 0, 0, 1}, {0, 0, 0, 0}};
        Nb101Cell cell = Nb101Cell.of(diamond, List.of(IN, C3, C3, OUT));
        List<Architecture> neighbours = space.neighbours(cell);
        // ops: either branch to conv1x1 or maxpool (2 up to isomorphism); edges: dropping any branch edge leaves
        // the chain input-conv3x3-output (1), adding input->output (1) or branch->branch (1)
        assertEquals(5, neighbours.size(), neighbours.toString());
        Set<String> keys = new HashSet<>();
        neighbours.forEach(n -> keys.add(n.canonicalKey()));
        assertTrue(keys.contains(Nb101Cell.of(new int[][] {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}}, List.of(IN, C3, OUT))
                .canonicalKey()));
        assertTrue(keys.contains(Nb101Cell.of(diamond, List.of(IN, C3, MP, OUT)).canonicalKey()));
        assertTrue(keys.contains(Nb101Cell.of(diamond, List.of(IN, MP, C3, OUT)).canonicalKey()));
    }

    @Test
    void neighboursNeverExceedNineEdgesAndCoverEveryOpChange() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 100; i++) {
            Nb101Cell c = space.sample(random);
            int n = c.vertices();
            List<Architecture> neighbours = space.neighbours(c);
            assertTrue(neighbours.size() <= 2 * (n - 2) + n * (n - 1) / 2, neighbours.size() + " for " + c);
            for (Architecture a : neighbours) {
                Nb101Cell x = (Nb101Cell) a;
                assertTrue(x.edges() <= 9 && x.vertices() <= n, x.toString());
                assertNotEquals(c.canonicalKey(), x.canonicalKey());
            }
            // each interior vertex turned into every other op is among them, up to isomorphism
            Set<String> keys = new HashSet<>();
            neighbours.forEach(a -> keys.add(a.canonicalKey()));
            for (int v = 1; v < n - 1; v++) {
                for (String op : Nb101Cell.OPS) {
                    if (!op.equals(c.ops().get(v))) {
                        List<String> ops = new java.util.ArrayList<>(c.ops());
                        ops.set(v, op);
                        assertTrue(keys.contains(Nb101Cell.of(c.adjacency(), ops).canonicalKey()));
                    }
                }
            }
        }
    }
}
