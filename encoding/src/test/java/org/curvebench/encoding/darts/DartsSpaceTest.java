package org.curvebench.encoding.darts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.curvebench.core.CellGraph;
import org.curvebench.encoding.InvalidArchitectureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DartsSpaceTest {

    private static final Path SHARED = Path.of(System.getProperty("curvebench.shared", "../../shared"));
    private static final Path CELLS = SHARED.resolve("data/nasbench301-naslib/cells.jsonl");
    private static final Path RESULT = SHARED.resolve("data/nasbench301-format/results_0.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] OPS = {"max_pool_3x3", "avg_pool_3x3", "skip_connect", "sep_conv_3x3",
            "sep_conv_5x5", "dil_conv_3x3", "dil_conv_5x5"};
    /** The cell pair of the shared NAS-Bench-301 result file, read from its configuration by hand. */
    private static final String RESULT_COMPACT = "[[[0,2],[1,3],[0,3],[1,2],[0,5],[2,6],[1,3],[2,2]],"
            + "[[0,0],[1,1],[0,2],[1,6],[1,3],[2,4],[2,3],[3,5]]]";

    private final DartsSpace space = new DartsSpace();

    private static List<JsonNode> sharedCells() throws IOException {
        assumeTrue(Files.exists(CELLS), "shared NAS-Bench-301 cells absent");
        List<JsonNode> archs = new ArrayList<>();
        for (String line : Files.readAllLines(CELLS)) {
            if (!line.isBlank()) {
                archs.add(JSON.readTree(line).get("arch"));
            }
        }
        return archs;
    }

    /** A DARTS genotype string of a compact cell pair, written as DARTS prints it, each node's inputs in the given order. */
    private static String genotype(JsonNode compact, boolean swapInputs, boolean range) {
        StringBuilder sb = new StringBuilder("Genotype(");
        String[] names = {"normal", "reduce"};
        for (int c = 0; c < 2; c++) {
            sb.append(c == 0 ? "" : ", ").append(names[c]).append("=[");
            for (int i = 0; i < 8; i++) {
                int e = swapInputs ? i ^ 1 : i;
                JsonNode edge = compact.get(c).get(e);
                sb.append(i == 0 ? "" : ", ").append("('").append(OPS[edge.get(1).asInt()]).append("', ")
                        .append(edge.get(0).asInt()).append(")");
            }
            sb.append("], ").append(names[c]).append("_concat=").append(range ? "range(2, 6)" : "[2, 3, 4, 5]");
        }
        return sb.append(")").toString();
    }

    /** NAS-Bench-301's configuration of a compact cell pair, edges numbered 0-1 (node 2), 2-4, 5-8, 9-13. */
    private static ObjectNode config(JsonNode compact, String prefix) {
        int[] start = {0, 0, 0, 2, 5, 9};
        String[] names = {"normal", "reduce"};
        ObjectNode o = JSON.createObjectNode();
        o.put("OptimizerSelector:sgd:learning_rate", 0.025);
        for (int c = 0; c < 2; c++) {
            for (int node = 2; node <= 5; node++) {
                JsonNode a = compact.get(c).get(2 * (node - 2));
                JsonNode b = compact.get(c).get(2 * (node - 2) + 1);
                for (JsonNode edge : List.of(a, b)) {
                    o.put(prefix + "edge_" + names[c] + "_" + (start[node] + edge.get(0).asInt()), OPS[edge.get(1).asInt()]);
                }
                if (node > 2) {
                    int lo = Math.min(a.get(0).asInt(), b.get(0).asInt());
                    int hi = Math.max(a.get(0).asInt(), b.get(0).asInt());
                    o.put(prefix + "inputs_node_" + names[c] + "_" + node, lo + "_" + hi);
                }
            }
        }
        return o;
    }

    @Test
    void theThreeFormsGiveTheSameArchitectureForEverySharedCell() throws IOException {
        List<JsonNode> cells = sharedCells();
        assertEquals(350, cells.size());
        for (JsonNode compact : cells) {
            DartsArchitecture a = space.parse(compact);
            String where = compact.toString();
            assertEquals(a, space.parse(TextNode.valueOf(genotype(compact, false, false))), where);
            assertEquals(a, space.parse(TextNode.valueOf(genotype(compact, true, true))), where);
            assertEquals(a, space.parse(config(compact, DartsForms.NB301_PREFIX)), where);
            assertEquals(a, space.parse(config(compact, "")), where);
            assertEquals(a.canonicalKey(), space.parse(TextNode.valueOf(genotype(compact, true, false))).canonicalKey());
            assertEquals(a, space.parse(a.toJson()), where);
            assertEquals(a, space.parse(TextNode.valueOf(DartsForms.genotype(a))), where);
            assertEquals(a, space.parse(DartsForms.config(a, java.util.Map.of())), where);
            assertEquals(space.graph(a), space.graph(space.parse(config(compact, ""))));
            for (String encoder : space.encoderNames()) {
                assertArrayEquals(space.encoder(encoder).encode(a),
                        space.encoder(encoder).encode(space.parse(TextNode.valueOf(genotype(compact, true, true)))));
            }
        }
    }

    @Test
    void readsTheConfigurationOfANasBench301ResultFile() throws IOException {
        assumeTrue(Files.exists(RESULT), "shared NAS-Bench-301 result file absent");
        JsonNode config = JSON.readTree(RESULT.toFile()).get("optimized_hyperparamater_config");
        DartsForms.Config read = space.config(config);
        assertEquals(space.parse(JSON.readTree(RESULT_COMPACT)), read.architecture());
        assertEquals(20, read.hyperparameters().get("NetworkSelectorDatasetInfo:darts:layers").asInt());
        assertEquals("sgd", read.hyperparameters().get("OptimizerSelector:optimizer").asText());
        assertTrue(read.hyperparameters().keySet().stream().noneMatch(k -> k.contains("edge_") || k.contains("inputs_node")));
        assertEquals(22, read.hyperparameters().size(), read.hyperparameters().keySet().toString());
    }

    @Test
    void genotypeAndConfigAreWrittenAsDartsAndNasBench301WriteThem() throws IOException {
        DartsArchitecture a = space.parse(JSON.readTree(RESULT_COMPACT));
        assertEquals("Genotype(normal=[('skip_connect', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), "
                + "('skip_connect', 1), ('dil_conv_3x3', 0), ('dil_conv_5x5', 2), ('sep_conv_3x3', 1), "
                + "('skip_connect', 2)], normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0), "
                + "('avg_pool_3x3', 1), ('skip_connect', 0), ('dil_conv_5x5', 1), ('sep_conv_3x3', 1), "
                + "('sep_conv_5x5', 2), ('sep_conv_3x3', 2), ('dil_conv_3x3', 3)], reduce_concat=[2, 3, 4, 5])",
                DartsForms.genotype(a));
        ObjectNode config = DartsForms.config(a, java.util.Map.of());
        assertEquals("1_2", config.get("NetworkSelectorDatasetInfo:darts:inputs_node_normal_5").asText());
        assertEquals("dil_conv_5x5", config.get("NetworkSelectorDatasetInfo:darts:edge_normal_7").asText());
        assertEquals("dil_conv_3x3", config.get("NetworkSelectorDatasetInfo:darts:edge_reduce_12").asText());
        assertEquals(2 * (8 + 3), config.size());
    }

    @Test
    void theTwoInputsOfANodeInEitherOrderAreTheSameCell() throws IOException {
        JsonNode swapped = JSON.readTree("[[[1,3],[0,2],[1,2],[0,3],[2,6],[0,5],[2,2],[1,3]],"
                + "[[1,1],[0,0],[1,6],[0,2],[2,4],[1,3],[3,5],[2,3]]]");
        assertEquals(space.parse(JSON.readTree(RESULT_COMPACT)).canonicalKey(), space.parse(swapped).canonicalKey());
        JsonNode otherOp = JSON.readTree(RESULT_COMPACT.replaceFirst("\\[0,2]", "[0,3]"));
        assertNotEquals(space.parse(JSON.readTree(RESULT_COMPACT)).canonicalKey(), space.parse(otherOp).canonicalKey());
        assertEquals(RESULT_COMPACT.replace(",", ", "), space.parse(swapped).canonicalKey());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "[[[0,2],[1,3],[0,3],[1,2],[0,5],[2,6],[1,3]],[[0,0],[1,1],[0,2],[1,6],[1,3],[2,4],[2,3],[3,5]]]; normal cell: expected 8 edges",
            "[[[0,2],[1,3],[0,3],[3,2],[0,5],[2,6],[1,3],[2,2]],[[0,0],[1,1],[0,2],[1,6],[1,3],[2,4],[2,3],[3,5]]]; normal cell, node 3: input 3 is not an earlier node",
            "[[[0,2],[1,3],[0,3],[1,2],[0,5],[2,6],[1,3],[2,2]],[[0,0],[1,1],[0,2],[1,6],[1,3],[2,4],[5,3],[3,5]]]; reduce cell, node 5: input 5 is not an earlier node",
            "[[[0,2],[1,3],[0,3],[1,2],[0,5],[2,6],[1,3],[2,2]],[[0,0],[1,1],[0,2],[1,6],[2,3],[2,4],[2,3],[3,5]]]; reduce cell, node 4: both inputs are node 2",
            "[[[0,2],[0,3],[0,3],[1,2],[0,5],[2,6],[1,3],[2,2]],[[0,0],[1,1],[0,2],[1,6],[1,3],[2,4],[2,3],[3,5]]]; normal cell, node 2: both inputs are node 0",
            "[[[0,2],[1,3],[0,3],[1,9],[0,5],[2,6],[1,3],[2,2]],[[0,0],[1,1],[0,2],[1,6],[1,3],[2,4],[2,3],[3,5]]]; normal cell, node 3: unknown op index 9",
            "[[[0,2],[1,3],[0,3],[1,2],[0,5],[2,6],[1,3],[2,2]]]; holds 2 cells",
            "\"Genotype(normal=[('skip_connect', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), ('skip_connect', 1), ('dil_conv_3x3', 0), ('conv_7x1', 2), ('sep_conv_3x3', 1), ('skip_connect', 2)], normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0), ('avg_pool_3x3', 1), ('skip_connect', 0), ('dil_conv_5x5', 1), ('sep_conv_3x3', 1), ('sep_conv_5x5', 2), ('sep_conv_3x3', 2), ('dil_conv_3x3', 3)], reduce_concat=[2, 3, 4, 5])\"; normal cell, node 4: unknown op 'conv_7x1'",
            "\"Genotype(normal=[('skip_connect', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), ('skip_connect', 1), ('dil_conv_3x3', 0), ('sep_conv_3x3', 1), ('skip_connect', 2)], normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0), ('avg_pool_3x3', 1), ('skip_connect', 0), ('dil_conv_5x5', 1), ('sep_conv_3x3', 1), ('sep_conv_5x5', 2), ('sep_conv_3x3', 2), ('dil_conv_3x3', 3)], reduce_concat=[2, 3, 4, 5])\"; normal cell: expected 8 edges ('op', input) (2 per intermediate node), found 7",
            "\"Genotype(normal=[('skip_connect', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), ('skip_connect', 1), ('dil_conv_3x3', 0), ('dil_conv_5x5', 2), ('sep_conv_3x3', 1), ('skip_connect', 2)], normal_concat=[2, 3, 4], reduce=[('max_pool_3x3', 0), ('avg_pool_3x3', 1), ('skip_connect', 0), ('dil_conv_5x5', 1), ('sep_conv_3x3', 1), ('sep_conv_5x5', 2), ('sep_conv_3x3', 2), ('dil_conv_3x3', 3)], reduce_concat=[2, 3, 4, 5])\"; normal_concat is [2, 3, 4]",
            "{\"edge_normal_0\": \"skip_connect\"}; normal cell, node 2: key 'edge_normal_1'",
            "42; expected NASLib's compact form",
    })
    void invalidCellsNameTheCellNodeAndRule(String json, String expected) throws IOException {
        InvalidArchitectureException e = assertThrows(InvalidArchitectureException.class,
                () -> space.parse(JSON.readTree(json)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void invalidConfigurationsNameTheCellNodeAndRule() throws IOException {
        ObjectNode good = config(JSON.readTree(RESULT_COMPACT), DartsForms.NB301_PREFIX);
        ObjectNode extra = good.deepCopy();
        extra.put(DartsForms.NB301_PREFIX + "edge_reduce_13", "skip_connect");
        String msg = assertThrows(InvalidArchitectureException.class, () -> space.parse(extra)).getMessage();
        assertTrue(msg.contains("reduce cell, node 5: key 'edge_reduce_13' sets the op of an inactive edge"), msg);
        ObjectNode same = good.deepCopy();
        same.put(DartsForms.NB301_PREFIX + "inputs_node_normal_4", "2_2");
        msg = assertThrows(InvalidArchitectureException.class, () -> space.parse(same)).getMessage();
        assertTrue(msg.contains("normal cell, node 4: both inputs are node 2"), msg);
        ObjectNode missing = good.deepCopy();
        missing.remove(DartsForms.NB301_PREFIX + "inputs_node_reduce_3");
        msg = assertThrows(InvalidArchitectureException.class, () -> space.parse(missing)).getMessage();
        assertTrue(msg.contains("reduce cell, node 3: key 'inputs_node_reduce_3'"), msg);
        ObjectNode later = good.deepCopy();
        later.put(DartsForms.NB301_PREFIX + "inputs_node_normal_3", "1_3");
        msg = assertThrows(InvalidArchitectureException.class, () -> space.parse(later)).getMessage();
        assertTrue(msg.contains("normal cell, node 3: input 3 is not an earlier node"), msg);
    }

    /** NAS-Bench-x11's NB311 input as x11_darts_reference.py computes it, written out independently. */
    private static double[] x11Reference(JsonNode compact) {
        int[] start = {0, 0, 0, 2, 5, 9};
        List<List<String>> pairs = List.of(List.of(), List.of(), List.of(), List.of("0_1", "0_2", "1_2"),
                List.of("0_1", "0_2", "0_3", "1_2", "1_3", "2_3"),
                List.of("0_1", "0_2", "0_3", "0_4", "1_2", "1_3", "1_4", "2_3", "2_4", "3_4"));
        double[] x = new double[34];
        for (int c = 0; c < 2; c++) {
            int at = c * 17;
            java.util.Arrays.fill(x, at, at + 14, -1);
            for (int i = 0; i < 8; i++) {
                JsonNode edge = compact.get(c).get(i);
                x[at + start[2 + i / 2] + edge.get(0).asInt()] = edge.get(1).asInt();
            }
            for (int node = 3; node <= 5; node++) {
                int a = compact.get(c).get(2 * (node - 2)).get(0).asInt();
                int b = compact.get(c).get(2 * (node - 2) + 1).get(0).asInt();
                x[at + 14 + node - 3] = pairs.get(node).indexOf(Math.min(a, b) + "_" + Math.max(a, b));
            }
        }
        return x;
    }

    @Test
    void x11EncodingIsNasBench301sConfigSpaceArrayForEverySharedCell() throws IOException {
        for (JsonNode compact : sharedCells()) {
            assertArrayEquals(x11Reference(compact), space.encoder("x11").encode(space.parse(compact)), compact.toString());
        }
    }

    @Test
    void encodersHaveTheirDocumentedLengthsAndBits() throws IOException {
        DartsArchitecture a = space.parse(JSON.readTree(RESULT_COMPACT));
        double[] x11 = space.encoder("x11").encode(a);
        assertEquals(34, x11.length);
        assertArrayEquals(new double[] {2, 3, 3, 2, -1, 5, -1, 6, -1, -1, 3, 2, -1, -1, 0, 1, 4}, java.util.Arrays.copyOf(x11, 17));
        double[] onehot = space.encoder("onehot").encode(a);
        assertEquals(196, onehot.length);
        assertEquals(16, java.util.Arrays.stream(onehot).sum());
        assertEquals(1, onehot[7 * 7 + 6], "normal edge 7 (node 2 -> 4) is dil_conv_5x5");
        assertEquals(1, onehot[(14 + 12) * 7 + 5], "reduce edge 12 (node 3 -> 5) is dil_conv_3x3");
        double[] stats = space.encoder("onehot-stats").encode(a);
        assertEquals(216, stats.length);
        assertEquals(space.encoder("onehot-stats").featureNames().size(), stats.length);
        // normal cell: counts of max_pool, avg_pool, skip, sep3, sep5, dil3, dil5; depth; edges from inputs; parameters
        assertArrayEquals(new double[] {0, 0, 3, 3, 0, 1, 1, 2, 6, 3 * 2.0 + 1.0 + 1.05},
                java.util.Arrays.copyOfRange(stats, 196, 206), 1e-12);
        assertEquals("onehot-stats", space.defaultEncoder().name());
        assertThrows(IllegalArgumentException.class, () -> space.encoder("path"));
        assertThrows(InvalidArchitectureException.class,
                () -> space.defaultEncoder().encode(new org.curvebench.encoding.features.FeatureVector(new double[] {1})));
    }

    @Test
    void theGraphIsNasBench301sWithBothCellsAndOpsOnEdges() throws IOException {
        DartsArchitecture a = space.parse(JSON.readTree(RESULT_COMPACT));
        CellGraph g = space.graph(a).orElseThrow();
        assertEquals(14, g.nodeCount());
        assertEquals(24, g.edgeCount());
        List<String> nodes = new ArrayList<>();
        for (int v = 0; v < 14; v++) {
            nodes.add(DartsSpace.NODE_LABELS.get(g.nodeLabel(v)));
        }
        List<String> cell = List.of("input_0", "input_1", "inter_node", "inter_node", "inter_node", "inter_node", "output");
        List<String> both = new ArrayList<>(cell);
        both.addAll(cell);
        assertEquals(both, nodes);
        List<String> edges = new ArrayList<>();
        for (int e = 0; e < g.edgeCount(); e++) {
            edges.add(g.edgeFrom(e) + "->" + g.edgeTo(e) + ":" + DartsSpace.EDGE_LABELS.get(g.edgeLabel(e)));
        }
        assertEquals(List.of("0->2:skip_connect", "1->2:sep_conv_3x3", "0->3:sep_conv_3x3", "1->3:skip_connect",
                "0->4:dil_conv_3x3", "2->4:dil_conv_5x5", "1->5:sep_conv_3x3", "2->5:skip_connect",
                "2->6:identity", "3->6:identity", "4->6:identity", "5->6:identity",
                "7->9:max_pool_3x3", "8->9:avg_pool_3x3", "7->10:skip_connect", "8->10:dil_conv_5x5",
                "8->11:sep_conv_3x3", "9->11:sep_conv_5x5", "9->12:sep_conv_3x3", "10->12:dil_conv_3x3",
                "9->13:identity", "10->13:identity", "11->13:identity", "12->13:identity"), edges);
    }

    @Test
    void neighboursChangeOneOpOrOneInput() throws IOException {
        DartsArchitecture a = space.parse(JSON.readTree(RESULT_COMPACT));
        var neighbours = space.neighbours(a);
        assertEquals(120, neighbours.size());
        for (var n : neighbours) {
            DartsArchitecture d = (DartsArchitecture) n;
            int changed = 0;
            for (int c = 0; c < 2; c++) {
                for (int e = 0; e < 8; e++) {
                    changed += d.cell(c).input(e) != a.cell(c).input(e) || d.cell(c).op(e) != a.cell(c).op(e) ? 1 : 0;
                }
            }
            // moving an input may re-order the node's pair, which shows as two changed positions
            assertTrue(changed >= 1 && changed <= 2, n.toString());
        }
    }

    @Test
    void samplesCoverEveryInputPairAndOp() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        int[][] pairCounts = new int[6][10];
        int[] opCounts = new int[7];
        for (int i = 0; i < 4000; i++) {
            DartsArchitecture a = space.sample(random);
            for (int node = 3; node <= 5; node++) {
                DartsCell n = a.normal();
                int k = 2 * (node - 2);
                pairCounts[node][DartsEncoders.pairIndex(n.input(k), n.input(k + 1), node)]++;
            }
            for (int e = 0; e < 8; e++) {
                opCounts[a.reduce().op(e)]++;
            }
        }
        for (int node = 3; node <= 5; node++) {
            int pairs = node * (node - 1) / 2;
            for (int p = 0; p < pairs; p++) {
                double expected = 4000.0 / pairs;
                assertTrue(Math.abs(pairCounts[node][p] - expected) < 5 * Math.sqrt(expected),
                        "node " + node + " pair " + p + ": " + pairCounts[node][p]);
            }
        }
        for (int op = 0; op < 7; op++) {
            assertTrue(Math.abs(opCounts[op] - 32000.0 / 7) < 5 * Math.sqrt(32000.0 / 7), "op " + op + ": " + opCounts[op]);
        }
    }
}
