package org.curvebench.encoding.nlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import org.curvebench.encoding.Encoder;
import org.curvebench.encoding.InvalidArchitectureException;
import org.curvebench.encoding.SearchSpaces;
import org.junit.jupiter.api.Test;

class NlpSpaceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final NlpSpace space = new NlpSpace();

    private static final String GATED = """
            {"h_new_0": {"op": "activation_tanh", "input": ["b"]},
             "b": {"op": "blend", "input": ["g", "a", "h_prev_0"]},
             "a": {"op": "linear", "input": ["x", "h_prev_0"]},
             "g": {"op": "activation_sigm", "input": ["a"]}}""";

    private NlpRecipe recipe(String json) {
        try {
            return space.parse(JSON.readTree(json));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private String error(String json) {
        return assertThrows(InvalidArchitectureException.class, () -> recipe(json)).getMessage();
    }

    @Test
    void isRegisteredAndPredictsValidationLoss() {
        assertEquals("val_loss", SearchSpaces.installed().get("nlp").defaultMetric());
    }

    @Test
    void readsTheRecipeAsObjectOrAsString() throws Exception {
        NlpRecipe fromObject = recipe(GATED);
        NlpRecipe fromString = space.parse(TextNode.valueOf(GATED));
        assertEquals(fromObject, fromString);
        assertEquals(4, fromObject.size());
        assertEquals(1, fromObject.hiddenStates());
        assertEquals("h_new_0", fromObject.nodes().get(0).name());
        JsonNode back = fromObject.toJson();
        assertEquals(JSON.readTree(GATED), back);
        assertEquals(fromObject, space.parse(back));
    }

    @Test
    void renamedAndReorderedCellsShareTheKey() {
        String renamed = """
                {"lin": {"op": "linear", "input": ["h_prev_0", "x"]},
                 "gate": {"op": "activation_sigm", "input": ["lin"]},
                 "mix": {"op": "blend", "input": ["gate", "lin", "h_prev_0"]},
                 "h_new_0": {"op": "activation_tanh", "input": ["mix"]}}""";
        assertEquals(recipe(GATED).canonicalKey(), recipe(renamed).canonicalKey());
        assertEquals(recipe(GATED).canonicalForm(), recipe(renamed).canonicalForm());
    }

    @Test
    void blendInputOrderMatters() {
        String swapped = GATED.replace("[\"g\", \"a\", \"h_prev_0\"]", "[\"g\", \"h_prev_0\", \"a\"]");
        assertNotEquals(recipe(GATED).canonicalKey(), recipe(swapped).canonicalKey());
    }

    @Test
    void differentOpsGiveDifferentKeys() {
        String other = GATED.replace("activation_sigm", "activation_leaky_relu");
        assertNotEquals(recipe(GATED).canonicalKey(), recipe(other).canonicalKey());
    }

    @Test
    void elementwiseInputOrderDoesNotMatter() {
        String a = """
                {"p": {"op": "linear", "input": ["x"]}, "q": {"op": "activation_tanh", "input": ["h_prev_0"]},
                 "h_new_0": {"op": "elementwise_sum", "input": ["p", "q"]}}""";
        String b = """
                {"q": {"op": "activation_tanh", "input": ["h_prev_0"]}, "p": {"op": "linear", "input": ["x"]},
                 "h_new_0": {"op": "elementwise_sum", "input": ["q", "p"]}}""";
        assertEquals(recipe(a).canonicalKey(), recipe(b).canonicalKey());
        assertNotEquals(recipe(a).canonicalKey(), recipe(a.replace("elementwise_sum", "elementwise_prod")).canonicalKey());
    }

    @Test
    void aSharedNodeIsNotTwoEqualNodes() {
        String shared = """
                {"l": {"op": "linear", "input": ["x", "h_prev_0"]},
                 "h_new_0": {"op": "elementwise_prod", "input": ["l", "l"]}}""";
        String twoNodes = """
                {"l1": {"op": "linear", "input": ["x", "h_prev_0"]}, "l2": {"op": "linear", "input": ["h_prev_0", "x"]},
                 "h_new_0": {"op": "elementwise_prod", "input": ["l1", "l2"]}}""";
        assertNotEquals(recipe(shared).canonicalKey(), recipe(twoNodes).canonicalKey());
    }

    @Test
    void whichHiddenStateANodeWritesMatters() {
        String a = """
                {"h_new_0": {"op": "linear", "input": ["x", "h_prev_0"]},
                 "h_new_1": {"op": "activation_tanh", "input": ["h_new_0"]}}""";
        String b = """
                {"h_new_1": {"op": "linear", "input": ["x", "h_prev_0"]},
                 "h_new_0": {"op": "activation_tanh", "input": ["h_new_1"]}}""";
        assertNotEquals(recipe(a).canonicalKey(), recipe(b).canonicalKey());
        assertEquals(2, recipe(a).hiddenStates());
    }

    @Test
    void symmetricCellsGetOneKeyWhicheverTwinIsListedFirst() {
        String a = """
                {"p": {"op": "linear", "input": ["x"]}, "q": {"op": "linear", "input": ["x"]},
                 "sp": {"op": "activation_sigm", "input": ["p"]}, "tq": {"op": "activation_tanh", "input": ["q"]},
                 "h_new_0": {"op": "blend", "input": ["sp", "tq", "h_prev_0"]}}""";
        String b = """
                {"q": {"op": "linear", "input": ["x"]}, "p": {"op": "linear", "input": ["x"]},
                 "tq": {"op": "activation_tanh", "input": ["p"]}, "sp": {"op": "activation_sigm", "input": ["q"]},
                 "h_new_0": {"op": "blend", "input": ["sp", "tq", "h_prev_0"]}}""";
        assertEquals(recipe(a).canonicalKey(), recipe(b).canonicalKey());
    }

    @Test
    void rejectsBrokenRecipesNamingNodeAndRule() {
        assertTrue(error(GATED.replace("activation_sigm", "relu")).contains("node 'g' has unknown op 'relu'"));
        assertTrue(error(GATED.replace("\"input\": [\"a\"]", "\"input\": [\"a\", \"x\"]"))
                .contains("node 'g' applies activation_sigm, which takes exactly 1 input"));
        assertTrue(error(GATED.replace("[\"g\", \"a\", \"h_prev_0\"]", "[\"g\", \"a\"]"))
                .contains("node 'b' applies blend, which takes exactly 3 inputs"));
        assertTrue(error(GATED.replace("[\"x\", \"h_prev_0\"]", "[\"x\", \"zz\"]"))
                .contains("node 'a' reads undefined input 'zz'"));
        assertTrue(error(GATED.replace("[\"x\", \"h_prev_0\"]", "[\"x\", \"b\"]")).contains("is on a cycle"));
        assertTrue(error(GATED.replace("[\"x\", \"h_prev_0\"]", "[\"x\", \"h_prev_1\"]"))
                .contains("node 'a' reads 'h_prev_1' but the cell writes no 'h_new_1'"));
        assertTrue(error(GATED.replace("h_new_0", "out")).contains("'h_new_0' is missing"));
        assertTrue(error(GATED.replace("\"h_new_0\"", "\"h_new_3\"")).contains("node 'h_new_3' is out of range"));
        assertTrue(error("""
                {"h_new_0": {"op": "linear", "input": ["x"]}, "h_new_2": {"op": "linear", "input": ["x"]}}""")
                .contains("'h_new_1' is missing"));
        assertTrue(error("""
                {"h_new_0": {"op": "linear", "input": ["x"]}, "spare": {"op": "linear", "input": ["x"]}}""")
                .contains("node 'spare' feeds no output"));
        assertTrue(error("""
                {"x": {"op": "linear", "input": ["h_prev_0"]}, "h_new_0": {"op": "linear", "input": ["x"]}}""")
                .contains("node 'x' redefines a cell input"));
        assertTrue(error("""
                {"h_new_0": {"op": "linear", "inputs": ["x"]}}""").contains("node 'h_new_0' has unknown field 'inputs'"));
        assertThrows(InvalidArchitectureException.class, () -> space.parse(TextNode.valueOf("{not json")));
        assertThrows(InvalidArchitectureException.class, () -> space.parse(JSON.createArrayNode()));
    }

    @Test
    void cycleMessageNamesTheNodesOnIt() {
        String msg = error("""
                {"a": {"op": "linear", "input": ["x", "c"]}, "b": {"op": "activation_tanh", "input": ["a"]},
                 "c": {"op": "activation_sigm", "input": ["b"]}, "h_new_0": {"op": "linear", "input": ["c"]}}""");
        assertTrue(msg.contains("a -> c -> b -> a"), msg);
    }

    /** The example worked by hand from NAS-Bench-x11's compact form and encode() with max_nodes = 8. */
    @Test
    void x11EncodingMatchesAHandComputedExample() {
        double[] f = NlpSpace.x11Encoder(8).encode(recipe(GATED));
        // compact pass: a=4 (x, h_prev_0 ready), g=5, b=6, h_new_0=7 is last and moves to index 8
        double[] expected = new double[9 * 9 + 9 + 3];
        int[][] edges = {{0, 4}, {1, 4}, {4, 5}, {5, 6}, {4, 6}, {1, 6}, {6, 8}};
        for (int[] e : edges) {
            expected[e[0] * 9 + e[1]] = 1;
        }
        double[] ops = {0, 0, 0, 0, 6, 1, 7, 0, 2};
        System.arraycopy(ops, 0, expected, 81, 9);
        expected[90] = 7;
        assertArrayEquals(expected, f);
        assertEquals(expected.length, NlpSpace.x11Encoder(8).featureNames().size());
    }

    @Test
    void x11CountsEveryNodeNamedHNewAsHiddenAsX11Does() {
        String lstmLike = """
                {"h_new_1_part": {"op": "linear", "input": ["x", "h_prev_1"]},
                 "h_new_1": {"op": "activation_tanh", "input": ["h_new_1_part"]},
                 "h_new_0": {"op": "activation_sigm", "input": ["h_new_1"]},
                 "n": {"op": "linear", "input": ["h_prev_0"]}, "h_new_2": {"op": "activation_tanh", "input": ["n"]}}""";
        NlpRecipe r = recipe(lstmLike.replace("h_prev_1", "h_prev_0"));
        double[] f = NlpSpace.x11Encoder(10).encode(r);
        int hidden = 11 * 11 + 11;
        assertArrayEquals(new double[] {4, 5, 6}, java.util.Arrays.copyOfRange(f, hidden, hidden + 3));
    }

    @Test
    void refusesCellsOverTheNodeLimitAndSaysHowToRaiseIt() {
        NlpRecipe r = recipe(GATED);
        InvalidArchitectureException e = assertThrows(InvalidArchitectureException.class,
                () -> NlpSpace.x11Encoder(6).encode(r));
        assertTrue(e.getMessage().contains("last node index in x11's compact form is 7"), e.getMessage());
        assertTrue(e.getMessage().contains("x11:7"), e.getMessage());
        assertEquals(8 * 8 + 8 + 3, NlpSpace.x11Encoder(7).encode(r).length);
    }

    @Test
    void encoderNamesRoundTripTheLimit() {
        assertEquals("x11", space.defaultEncoder().name());
        assertEquals(25 * 25 + 25 + 3, space.defaultEncoder().encode(recipe(GATED)).length);
        Encoder big = NlpSpace.x11Encoder(30);
        assertEquals("x11:30", big.name());
        assertArrayEquals(big.encode(recipe(GATED)), space.encoder(big.name()).encode(recipe(GATED)));
        assertEquals("onehot:9", NlpSpace.oneHotEncoder(9).name());
        assertThrows(IllegalArgumentException.class, () -> space.encoder("adjacency"));
        assertThrows(IllegalArgumentException.class, () -> space.encoder("x11:many"));
    }

    @Test
    void oneHotMarksEachOpOnceAndLeavesPaddingEmpty() {
        double[] f = NlpSpace.oneHotEncoder(8).encode(recipe(GATED));
        int base = 81;
        int width = X11Encoder.X11_OPS.size();
        assertEquals(81 + 9 * width + 3, f.length);
        assertEquals(1.0, f[base + 4 * width + X11Encoder.X11_OPS.indexOf("linear")]);
        assertEquals(1.0, f[base + 8 * width + X11Encoder.X11_OPS.indexOf("activation_tanh")]);
        double padding = 0;
        for (int k = 0; k < width; k++) {
            padding += f[base + 7 * width + k];
        }
        assertEquals(0.0, padding);
        assertEquals(7.0, f[f.length - 3]);
    }
}
