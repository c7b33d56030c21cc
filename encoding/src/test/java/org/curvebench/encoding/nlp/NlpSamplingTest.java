package org.curvebench.encoding.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.curvebench.core.CellGraph;
import org.curvebench.core.GraphSchema;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.GraphChecks;
import org.curvebench.encoding.InvalidArchitectureException;
import org.junit.jupiter.api.Test;

class NlpSamplingTest {

    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private final NlpSpace space = new NlpSpace();
    private final GraphSchema schema = space.graphSchema().orElseThrow();

    private NlpRecipe recipe(String json) {
        try {
            return space.parse(JSON.readTree(json));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private CellGraph graph(NlpRecipe r) {
        CellGraph g = space.graph(r).orElseThrow();
        GraphChecks.assertValid(schema, g, Set.of("x"));
        return g;
    }

    private static String edges(CellGraph g) {
        StringBuilder sb = new StringBuilder();
        for (int e = 0; e < g.edgeCount(); e++) {
            sb.append(g.edgeFrom(e)).append("->").append(g.edgeTo(e)).append(' ');
        }
        return sb.toString().strip();
    }

    private List<String> labels(CellGraph g) {
        List<String> labels = new ArrayList<>();
        for (int v = 0; v < g.nodeCount(); v++) {
            labels.add(schema.nodeLabels().get(g.nodeLabel(v)));
        }
        return labels;
    }

    @Test
    void schemaHasInputsOpsAndHiddenStates() {
        assertEquals(List.of("x", "h_prev_0", "h_prev_1", "h_prev_2", "linear", "blend", "elementwise_prod",
                "elementwise_sum", "activation_tanh", "activation_sigm", "activation_leaky_relu", "h_new_0", "h_new_1",
                "h_new_2"), schema.nodeLabels());
        assertTrue(schema.edgeLabels().isEmpty());
        assertEquals(4 + 21 + 3, schema.maxNodes());
    }

    @Test
    void theGraphFollowsX11sCompactOrderAndMarksHiddenStates() {
        // written out of order: h_new_0 first, as the logs often do
        NlpRecipe r = recipe("""
                {"h_new_0": {"op": "activation_tanh", "input": ["b"]},
                 "b": {"op": "blend", "input": ["g", "a", "h_prev_0"]},
                 "a": {"op": "linear", "input": ["x", "h_prev_0"]},
                 "g": {"op": "activation_sigm", "input": ["a"]}}""");
        CellGraph g = graph(r);
        assertEquals(List.of("x", "h_prev_0", "h_prev_1", "h_prev_2", "linear", "activation_sigm", "blend",
                "activation_tanh", "h_new_0"), labels(g));
        assertEquals("0->4 1->4 4->5 5->6 4->6 1->6 6->7 7->8", edges(g));
    }

    @Test
    void outputsMayFeedOtherNodes() {
        NlpRecipe r = recipe("""
                {"n": {"op": "linear", "input": ["x", "h_prev_0", "h_prev_1"]},
                 "h_new_0": {"op": "activation_sigm", "input": ["n"]},
                 "m": {"op": "elementwise_prod", "input": ["h_prev_1", "h_new_0"]},
                 "h_new_1": {"op": "elementwise_sum", "input": ["h_new_0", "m"]}}""");
        CellGraph g = graph(r);
        assertEquals(4 + 4 + 2, g.nodeCount());
        assertEquals(List.of("x", "h_prev_0", "h_prev_1", "h_prev_2", "linear", "activation_sigm", "elementwise_prod",
                "elementwise_sum", "h_new_0", "h_new_1"), labels(g));
        assertEquals("0->4 1->4 2->4 4->5 2->6 5->6 5->7 6->7 5->8 7->9", edges(g));
    }

    @Test
    void graphsHoldUpToTwentyOneRecipeNodes() {
        assertEquals(4 + 21 + 1, graph(chain(21)).nodeCount());
        String msg = assertThrows(InvalidArchitectureException.class, () -> space.graph(chain(22))).getMessage();
        assertTrue(msg.contains("22 nodes") && msg.contains("at most 21"), msg);
    }

    private NlpRecipe chain(int nodes) {
        List<NlpRecipe.Node> list = new ArrayList<>();
        String previous = "x";
        for (int i = 0; i < nodes - 1; i++) {
            list.add(new NlpRecipe.Node("n" + i, "activation_tanh", List.of(previous)));
            previous = "n" + i;
        }
        list.add(new NlpRecipe.Node("h_new_0", "linear", List.of(previous, "h_prev_0")));
        return space.recipe(list);
    }

    @Test
    void everyLoggedRecipeHasAGraph() throws IOException {
        Path zip = Path.of(System.getProperty("curvebench.shared", "../../shared"))
                .resolve("data/nasbench-nlp-wikitext2/logs.zip");
        assumeTrue(Files.isRegularFile(zip), "shared NAS-Bench-NLP logs not present at " + zip);
        int checked = 0;
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : z.stream().filter(e -> e.getName().endsWith(".json")).toList()) {
                NlpRecipe r = space.parse(JSON.readTree(z.getInputStream(e)).get("recepie"));
                CellGraph g = graph(r);
                int inputs = 0;
                for (NlpRecipe.Node n : r.nodes()) {
                    inputs += n.inputs().size();
                }
                assertEquals(4 + r.size() + r.hiddenStates(), g.nodeCount());
                assertEquals(inputs + r.hiddenStates(), g.edgeCount());
                checked++;
            }
        }
        assertEquals(246, checked);
    }

    @Test
    void samplesAreValidVariedAndLikeTheLogs() {
        SplittableRandom random = new SplittableRandom(4);
        Set<String> keys = new HashSet<>();
        Set<String> ops = new TreeSet<>();
        int[] hidden = new int[4];
        int draws = 2000;
        for (int i = 0; i < draws; i++) {
            NlpRecipe r = space.sample(random);
            assertEquals(r.canonicalKey(), space.parse(r.toJson()).canonicalKey());
            assertEquals(r.canonicalKey(), space.parse(JSON.valueToTree(r.toJson().toString())).canonicalKey());
            assertTrue(r.size() >= r.hiddenStates() && r.size() <= 12, r.toString());
            hidden[r.hiddenStates()]++;
            keys.add(r.canonicalKey());
            r.nodes().forEach(n -> ops.add(n.op()));
            graph(r);
        }
        assertEquals(new TreeSet<>(NlpSpace.OPS), ops);
        assertEquals(0, hidden[0]);
        for (int h = 1; h <= 3; h++) {
            assertTrue(hidden[h] > draws / 5, "hidden states " + h + ": " + hidden[h]);
        }
        assertTrue(keys.size() > 0.95 * draws, keys.size() + " distinct of " + draws);
    }

    @Test
    void neighboursChangeOneOpOrRewireOneInput() {
        NlpRecipe r = recipe("""
                {"a": {"op": "linear", "input": ["x", "h_prev_0"]},
                 "b": {"op": "activation_sigm", "input": ["a"]},
                 "h_new_0": {"op": "elementwise_prod", "input": ["a", "b"]}}""");
        List<Architecture> neighbours = space.neighbours(r);
        // ops: a -> prod, sum; b -> linear, tanh, leaky_relu; h_new_0 -> linear, sum. Re-wiring: b may read x or
        // h_prev_0 instead of a (a still feeds h_new_0), and h_new_0 x or h_prev_0 instead of a (a still feeds b);
        // h_new_0 reading x or h_prev_0 instead of b orphans b, and a reading b or h_new_0 makes a cycle.
        assertEquals(11, neighbours.size(), neighbours.toString());
        assertEquals(recipe("""
                {"a": {"op": "elementwise_prod", "input": ["x", "h_prev_0"]},
                 "b": {"op": "activation_sigm", "input": ["a"]},
                 "h_new_0": {"op": "elementwise_prod", "input": ["a", "b"]}}"""), neighbours.get(0));
        assertEquals(recipe("""
                {"a": {"op": "linear", "input": ["x", "h_prev_0"]},
                 "b": {"op": "activation_sigm", "input": ["h_prev_0"]},
                 "h_new_0": {"op": "elementwise_prod", "input": ["a", "b"]}}"""), neighbours.get(8));
        assertEquals(recipe("""
                {"a": {"op": "linear", "input": ["x", "h_prev_0"]},
                 "b": {"op": "activation_sigm", "input": ["a"]},
                 "h_new_0": {"op": "elementwise_prod", "input": ["h_prev_0", "b"]}}"""), neighbours.get(10));
    }

    @Test
    void neighboursOfSamplesAreOneEditAwayAndDistinct() {
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 60; i++) {
            NlpRecipe r = space.sample(random);
            Set<String> keys = new HashSet<>();
            for (Architecture a : space.neighbours(r)) {
                NlpRecipe n = (NlpRecipe) a;
                assertEquals(r.size(), n.size());
                assertNotEquals(r.canonicalKey(), n.canonicalKey());
                assertTrue(keys.add(n.canonicalKey()));
                int changed = 0;
                for (int k = 0; k < r.size(); k++) {
                    NlpRecipe.Node before = r.nodes().get(k);
                    NlpRecipe.Node after = n.nodes().get(k);
                    assertEquals(before.name(), after.name());
                    if (!before.equals(after)) {
                        changed++;
                        int edits = before.op().equals(after.op()) ? 0 : 1;
                        for (int p = 0; p < before.inputs().size(); p++) {
                            edits += before.inputs().get(p).equals(after.inputs().get(p)) ? 0 : 1;
                        }
                        assertEquals(1, edits, before + " -> " + after);
                    }
                }
                assertEquals(1, changed);
            }
        }
    }
}
