package org.curvebench.gnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.curvebench.core.CellGraph;
import org.curvebench.core.GraphSchema;
import org.curvebench.encoding.nb101.Nb101Space;
import org.junit.jupiter.api.Test;

/** The plain-Java GIN: message passing worked by hand, invariance under node renumbering, normalisation statistics. */
class GinNetworkTest {

    static final GraphSchema LABELLED = new GraphSchema(List.of("in", "a", "b", "out"), List.of("x", "y", "z", "w"), 6);

    private static GinNetwork random(GraphSchema schema, int graphInputs, long seed) {
        GinSettings s = new GinSettings(3, 8, 1, 0.01, 4, 0, 1);
        int types = 2 * Math.max(1, schema.edgeLabels().size());
        return GinInitialiser.network(schema.nodeLabels().size(), types, graphInputs, 3, s, seed);
    }

    @Test
    void oneLayerWorkedByHand() {
        GraphSchema schema = new GraphSchema(List.of("p", "q"), List.of(), 2);
        GinLayer layer = new GinLayer(new double[][] {{0.5}, {-3}}, 0.5, new double[][] {{1}}, new double[] {0},
                new double[] {1}, new double[] {0}, new double[] {0}, new double[] {1 - GinNetwork.BN_EPSILON},
                new double[][] {{1}}, new double[] {0});
        GinNetwork net = new GinNetwork(new double[][] {{1}, {2}}, new GinLayer[] {layer}, new double[][] {{1}},
                new double[] {0}, new double[][] {{2}}, new double[] {1});
        CellGraph g = CellGraph.of(schema, new int[] {0, 1}, new int[] {0}, new int[] {1}, null);
        // node 1 receives relu(1 + 0.5) = 1.5 forwards, node 0 receives relu(2 - 3) = 0 backwards:
        // z = (1.5 * 1 + 0, 1.5 * 2 + 1.5) = (1.5, 4.5), unchanged by the identity layers; mean 3
        assertArrayEquals(new double[] {3.0}, net.embed(g), 1e-12);
        double[] out = new double[1];
        net.predict(g, new double[0], out);
        assertEquals(2 * 3.0 + 1, out[0], 1e-12);
    }

    /**
     * Nodes a and b in parallel between in and out (edges in -> a, in -> b, a -> out, b -> out, in -> out); with
     * {@code swap} b is node 1 and a node 2, and the edges are listed in another order.
     */
    private static CellGraph parallel(boolean swap, int opOfA, int opOfB) {
        if (!swap) {
            return CellGraph.of(LABELLED, new int[] {0, 1, 2, 3}, new int[] {0, 0, 1, 2, 0}, new int[] {1, 2, 3, 3, 3},
                    new int[] {opOfA, opOfB, 2, 3, 0});
        }
        return CellGraph.of(LABELLED, new int[] {0, 2, 1, 3}, new int[] {0, 1, 0, 2, 0}, new int[] {1, 3, 2, 3, 3},
                new int[] {opOfB, 3, opOfA, 2, 0});
    }

    @Test
    void renumberedNodesGiveTheSameEmbeddingAndOtherGraphsAnother() {
        GinNetwork net = random(LABELLED, 0, 3);
        CellGraph g = parallel(false, 0, 1);
        CellGraph renumbered = parallel(true, 0, 1);
        assertTrue(!g.equals(renumbered), "the two numberings differ as graphs");
        assertArrayEquals(net.embed(g), net.embed(renumbered), 1e-12);
        double[] other = net.embed(parallel(false, 1, 0));
        double gap = 0;
        for (int i = 0; i < other.length; i++) {
            gap = Math.max(gap, Math.abs(other[i] - net.embed(g)[i]));
        }
        assertTrue(gap > 1e-6, "swapping two edge labels changes the embedding, gap " + gap);
    }

    @Test
    void isomorphicNb101CellsGiveTheSameEmbedding() throws Exception {
        Nb101Space space = new Nb101Space();
        ObjectMapper json = new ObjectMapper();
        String adjacency = "[[0,1,1,0,0],[0,0,0,1,0],[0,0,0,0,1],[0,0,0,0,1],[0,0,0,0,0]]";
        String swapped = "[[0,1,1,0,0],[0,0,0,0,1],[0,0,0,1,0],[0,0,0,0,1],[0,0,0,0,0]]";
        CellGraph a = space.graph(space.parse(json.readTree("{\"adjacency\": " + adjacency
                + ", \"ops\": [\"input\", \"conv3x3-bn-relu\", \"maxpool3x3\", \"conv1x1-bn-relu\", \"output\"]}"))).orElseThrow();
        CellGraph b = space.graph(space.parse(json.readTree("{\"adjacency\": " + swapped
                + ", \"ops\": [\"input\", \"maxpool3x3\", \"conv3x3-bn-relu\", \"conv1x1-bn-relu\", \"output\"]}"))).orElseThrow();
        GinNetwork net = random(space.graphSchema().orElseThrow(), 0, 5);
        assertArrayEquals(net.embed(a), net.embed(b), 1e-12);
    }

    @Test
    void populationStatisticsNormaliseEachLayersInputs() {
        GinNetwork net = random(LABELLED, 0, 9);
        List<CellGraph> graphs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            graphs.add(parallel(i % 2 == 1, i % 4, (i + 1) % 4));
        }
        GinNetwork fitted = net.withPopulationStatistics(graphs);
        GinLayer first = fitted.layer(0);
        int d = fitted.hidden();
        double[] sum = new double[d];
        int nodes = 0;
        for (CellGraph g : graphs) {
            double[] a = GinNetwork.preNormalisation(first, g, fitted.initialStates(g));
            for (int i = 0; i < a.length; i++) {
                sum[i % d] += a[i];
            }
            nodes += g.nodeCount();
        }
        for (int c = 0; c < d; c++) {
            assertEquals(sum[c] / nodes, first.mean()[c], 1e-12);
        }
        assertTrue(first.variance()[0] > 0);
    }

    /**
     * The query path (normalisation folded into the weights, the first layer tabulated) against the layer-by-layer
     * definition, on a network with fitted statistics, graph-level inputs and a skip from them to the outputs.
     */
    @Test
    void queryPathComputesTheLayerByLayerDefinition() {
        GinNetwork net = random(LABELLED, 2, 11);
        List<CellGraph> graphs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            graphs.add(parallel(i % 2 == 1, i % 4, (i + 3) % 4));
        }
        // six and three nodes: rows beyond a multiple of four take another path
        graphs.add(CellGraph.of(LABELLED, new int[] {0, 1, 2, 1, 2, 3}, new int[] {0, 1, 2, 3, 4, 0},
                new int[] {1, 2, 3, 4, 5, 5}, new int[] {0, 1, 2, 3, 1, 2}));
        graphs.add(CellGraph.of(LABELLED, new int[] {0, 2, 3}, new int[] {0, 1}, new int[] {1, 2}, new int[] {3, 0}));
        double[][] skip = {{0.5, -2, 1}, {3, 0.25, -1}};
        GinNetwork fitted = net.withPopulationStatistics(graphs.subList(0, 5)).withSkip(skip);
        double[] inputs = {0.7, -1.3};
        for (CellGraph g : graphs) {
            double[] h = fitted.nodeStates(g);
            int d = fitted.hidden();
            double[] pooled = new double[d];
            for (int i = 0; i < h.length; i++) {
                pooled[i % d] += h[i] / g.nodeCount();
            }
            assertArrayEquals(pooled, fitted.embed(g), 1e-12);
            double[] hidden = fitted.headBias().clone();
            for (int i = 0; i < d + inputs.length; i++) {
                for (int j = 0; j < hidden.length; j++) {
                    hidden[j] += (i < d ? pooled[i] : inputs[i - d]) * fitted.headWeights()[i][j];
                }
            }
            double[] expected = fitted.outBias().clone();
            for (int j = 0; j < hidden.length; j++) {
                for (int o = 0; o < expected.length; o++) {
                    expected[o] += Math.max(0, hidden[j]) * fitted.outWeights()[j][o];
                }
            }
            for (int i = 0; i < inputs.length; i++) {
                for (int o = 0; o < expected.length; o++) {
                    expected[o] += inputs[i] * skip[i][o];
                }
            }
            double[] out = new double[expected.length];
            fitted.predict(g, inputs, out);
            assertArrayEquals(expected, out, 1e-12);
        }
    }

    /** A file written before the skip existed (no {@code inputWeights}) reads as a network without one. */
    @Test
    void filesWithoutTheSkipReadAsNoSkip() throws Exception {
        ObjectMapper json = new ObjectMapper();
        GinNetwork plain = random(LABELLED, 2, 13);
        GinNetwork skipped = plain.withSkip(new double[][] {{1, 1, 1}, {-1, 2, 0.5}});
        com.fasterxml.jackson.databind.node.ObjectNode tree = json.valueToTree(skipped);
        assertTrue(tree.has("inputWeights"));
        tree.remove("inputWeights");
        GinNetwork old = json.treeToValue(tree, GinNetwork.class);
        CellGraph g = parallel(false, 0, 1);
        double[] inputs = {0.4, -0.2};
        double[] expected = new double[3];
        double[] out = new double[3];
        plain.predict(g, inputs, expected);
        old.predict(g, inputs, out);
        assertArrayEquals(expected, out, 0.0);
        GinNetwork same = json.treeToValue(json.valueToTree(skipped), GinNetwork.class);
        skipped.predict(g, inputs, expected);
        same.predict(g, inputs, out);
        assertArrayEquals(expected, out, 0.0);
    }
}
