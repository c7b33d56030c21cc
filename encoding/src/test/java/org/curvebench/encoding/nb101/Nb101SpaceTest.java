package org.curvebench.encoding.nb101;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.curvebench.encoding.Encoder;
import org.curvebench.encoding.InvalidArchitectureException;
import org.curvebench.encoding.SearchSpaces;
import org.junit.jupiter.api.Test;

class Nb101SpaceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Nb101Space space = new Nb101Space();

    /** input -> conv3x3 (1) and maxpool (2), both -> conv1x1 (3) -> output: 5 vertices, padded to 7. */
    private static final String HAND_MADE = "{\"adjacency\": [[0,1,1,0,0],[0,0,0,1,0],[0,0,0,1,0],[0,0,0,0,1],"
            + "[0,0,0,0,0]], \"ops\": [\"input\", \"conv3x3-bn-relu\", \"maxpool3x3\", \"conv1x1-bn-relu\", \"output\"]}";

    private Nb101Cell handMade() throws Exception {
        return space.parse(JSON.readTree(HAND_MADE));
    }

    @Test
    void isRegisteredAsNb101() {
        assertTrue(SearchSpaces.installed().get("nb101") instanceof Nb101Space);
    }

    @Test
    void parsesNamesAndLabelsAlike() throws Exception {
        JsonNode labels = JSON.readTree("{\"adjacency\": [[0,1,1,0,0],[0,0,0,1,0],[0,0,0,1,0],[0,0,0,0,1],"
                + "[0,0,0,0,0]], \"ops\": [-1, 0, 2, 1, -2]}");
        assertEquals(handMade(), space.parse(labels));
        assertEquals(handMade().canonicalKey(), space.parse(labels).canonicalKey());
    }

    @Test
    void jsonRoundTrips() throws Exception {
        Nb101Cell cell = handMade();
        assertEquals(cell, space.parse(cell.toJson()));
        assertEquals(JSON.readTree(HAND_MADE), cell.toJson());
    }

    @Test
    void malformedJsonNamesTheProblem() throws Exception {
        assertTrue(assertThrows(InvalidArchitectureException.class, () -> space.parse(JSON.readTree("\"x\"")))
                .getMessage().contains("adjacency"));
        assertTrue(assertThrows(InvalidArchitectureException.class,
                () -> space.parse(JSON.readTree("{\"adjacency\": [[0,1],[0,0]]}"))).getMessage().contains("ops"));
        assertTrue(assertThrows(InvalidArchitectureException.class,
                () -> space.parse(JSON.readTree("{\"adjacency\": [[0,\"1\"],[0,0]], \"ops\": [-1,-2]}")))
                .getMessage().contains("[0][1]"));
        assertTrue(assertThrows(InvalidArchitectureException.class,
                () -> space.parse(JSON.readTree("{\"adjacency\": [[0,1],[0,0]], \"ops\": [-1, 1.5]}")))
                .getMessage().contains("op 1"));
    }

    @Test
    void x11EncodingOfTheHandMadeCell() throws Exception {
        Encoder x11 = space.defaultEncoder();
        assertEquals("x11", x11.name());
        double[] x = x11.encode(handMade());
        assertEquals(26, x.length);
        assertEquals(26, x11.featureNames().size());
        double[] expected = new double[26];
        // padded edges 0-1, 0-2, 1-3, 2-3 and 3-6 (the output moved to vertex 6)
        for (int k : new int[] {0, 1, 7, 11, 17}) {
            expected[k] = 1;
        }
        // conv3x3 0.5, maxpool 1.0, conv1x1 0.0, then two padding vertices as conv3x3
        System.arraycopy(new double[] {0.5, 1.0, 0.0, 0.5, 0.5}, 0, expected, 21, 5);
        assertArrayEquals(expected, x);
        assertEquals("edge3-6", x11.featureNames().get(17));
    }

    @Test
    void x11WithAccuraciesAppendsFourBudgets() throws Exception {
        Nb101Cell cell = handMade();
        Encoder lc = Nb101Space.x11Encoder(Map.of(cell.canonicalKey(), new double[] {0.5, 0.7, 0.8, 0.9}));
        assertEquals("x11-lc", lc.name());
        double[] x = lc.encode(cell);
        assertEquals(30, x.length);
        assertArrayEquals(new double[] {0.5, 0.7, 0.8, 0.9}, java.util.Arrays.copyOfRange(x, 26, 30));
        assertArrayEquals(space.encoder("x11").encode(cell), java.util.Arrays.copyOf(x, 26));
        Nb101Cell other = space.parse(JSON.readTree("{\"adjacency\": [[0,1],[0,0]], \"ops\": [-1,-2]}"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> lc.encode(other)).getMessage()
                .contains(other.canonicalKey()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> space.encoder("x11-lc")).getMessage()
                .contains("x11Encoder"));
    }

    @Test
    void oneHotEncodingOfTheHandMadeCell() throws Exception {
        Encoder onehot = space.encoder("onehot");
        double[] x = onehot.encode(handMade());
        assertEquals(36, x.length);
        assertEquals(36, onehot.featureNames().size());
        double[] expected = new double[36];
        for (int k : new int[] {0, 1, 7, 11, 17}) {
            expected[k] = 1;
        }
        // columns per vertex: maxpool3x3, conv3x3, conv1x1
        for (int k : new int[] {21 + 1, 24 + 0, 27 + 2, 30 + 1, 33 + 1}) {
            expected[k] = 1;
        }
        assertArrayEquals(expected, x);
        assertEquals("op2=maxpool3x3", onehot.featureNames().get(24));
    }

    @Test
    void pathEncodingOfTheHandMadeCell() throws Exception {
        Encoder path = space.encoder("path");
        double[] x = path.encode(handMade());
        assertEquals(364, x.length);
        assertEquals(364, path.featureNames().size());
        // conv3x3 then conv1x1: 1*(0+1) + 3*(1+1) = 7; maxpool then conv1x1: 1*(2+1) + 3*(1+1) = 9
        double[] expected = new double[364];
        expected[7] = 1;
        expected[9] = 1;
        assertArrayEquals(expected, x);
        assertEquals("path=conv3x3-bn-relu>conv1x1-bn-relu", path.featureNames().get(7));
        assertEquals("path=", path.featureNames().get(0));
    }

    @Test
    void pathEncodingCountsTheDirectEdgeAndLongChains() throws Exception {
        int[][] chain = new int[7][7];
        for (int i = 0; i < 6; i++) {
            chain[i][i + 1] = 1;
        }
        chain[0][6] = 1;
        Nb101Cell cell = Nb101Cell.of(chain, List.of("input", "maxpool3x3", "maxpool3x3", "maxpool3x3",
                "maxpool3x3", "maxpool3x3", "output"));
        double[] x = space.encoder("path").encode(cell);
        assertEquals(1.0, x[0]);
        assertEquals(1.0, x[363]);
        assertEquals(2.0, java.util.Arrays.stream(x).sum());
    }

    @Test
    void unknownEncoderListsTheAvailableOnes() {
        String msg = assertThrows(IllegalArgumentException.class, () -> space.encoder("gcn")).getMessage();
        assertTrue(msg.contains("x11") && msg.contains("onehot") && msg.contains("path"), msg);
    }
}
