package org.curvebench.encoding.nb201;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.InvalidArchitectureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Nb201SpaceTest {

    private static final String CELL =
            "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|";
    private final Nb201Space space = new Nb201Space();

    @Test
    void everyCellReadsBackFromItsStringAndFromAReorderedOne() {
        Nb201Space space = new Nb201Space();
        for (int i = 0; i < Nb201Cell.CELLS; i++) {
            Nb201Cell cell = Nb201Cell.ofIndex(i);
            String text = cell.toNb201String();
            assertEquals(cell, space.parse(text));
            // the last node's inputs written backwards, with spaces around: the general reader's path
            String[] nodes = text.split("\\+");
            String[] last = nodes[2].substring(1, nodes[2].length() - 1).split("\\|");
            String reordered = " " + nodes[0] + "+" + nodes[1] + "+|" + last[2] + "|" + last[1] + "|" + last[0] + "| ";
            assertEquals(cell, space.parse(reordered), reordered);
        }
    }

    @Test
    void parsesTheEdgesInNb201Order() {
        Nb201Cell cell = space.parse(CELL);
        assertEquals("nor_conv_3x3", cell.opName(0));
        assertEquals("none", cell.opName(1));
        assertEquals("skip_connect", cell.opName(2));
        assertEquals("avg_pool_3x3", cell.opName(3));
        assertEquals("nor_conv_1x1", cell.opName(4));
        assertEquals("none", cell.opName(5));
        assertEquals(CELL, cell.toNb201String());
        assertEquals(cell, space.parse(cell.toJson()));
    }

    @Test
    void inputsWrittenInAnotherOrderAreTheSameCell() {
        String reordered = "|nor_conv_3x3~0|+|skip_connect~1|none~0|+|none~2|avg_pool_3x3~0|nor_conv_1x1~1|";
        assertEquals(space.parse(CELL).canonicalKey(), space.parse(reordered).canonicalKey());
        assertNotEquals(space.parse(CELL).canonicalKey(),
                space.parse(CELL.replace("none~2", "skip_connect~2")).canonicalKey());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "|nor_conv_3x3~0|+|none~0|skip_connect~1|; 3 nodes",
            "|conv_5x5~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|; unknown operation 'conv_5x5'",
            "|nor_conv_3x3~1|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|; node 1 can take input only from nodes 0..0",
            "|nor_conv_3x3~0|+|none~0|skip_connect~0|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|; two edges from node 0",
            "|nor_conv_3x3~0|+|none~0|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|; node 2 needs 2 incoming",
            "|nor_conv_3x3|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|; op~input",
            "|nor_conv_3x3~x|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|; non-numeric input",
    })
    void invalidStringsSayWhichRuleFailed(String text, String expected) {
        InvalidArchitectureException e = assertThrows(InvalidArchitectureException.class, () -> space.parse(text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void rejectsNonStrings() {
        assertThrows(InvalidArchitectureException.class, () -> space.parse(IntNode.valueOf(3)));
        assertThrows(InvalidArchitectureException.class, () -> space.parse((com.fasterxml.jackson.databind.JsonNode) null));
    }

    @Test
    void oneHotHasOneBitPerEdge() {
        double[] x = space.encoder("onehot").encode(space.parse(CELL));
        assertEquals(30, x.length);
        double[] expected = new double[30];
        int[] ops = {3, 0, 1, 4, 2, 0};
        for (int e = 0; e < 6; e++) {
            expected[e * 5 + ops[e]] = 1;
        }
        assertArrayEquals(expected, x);
        assertEquals(30, space.encoder("onehot").featureNames().size());
    }

    @Test
    void pathFeaturesSayWhichPathsCarryNoNoneEdge() {
        // CELL: 1<-0 conv3x3, 2<-0 none, 2<-1 skip, 3<-0 pool, 3<-1 conv1x1, 3<-2 none
        double[] x = space.encoder("onehot-paths").encode(space.parse(CELL));
        assertEquals(35, x.length);
        assertArrayEquals(new double[]{1, 1, 0, 0, 2}, java.util.Arrays.copyOfRange(x, 30, 35));
        assertArrayEquals(space.encoder("onehot").encode(space.parse(CELL)), java.util.Arrays.copyOf(x, 30));
        String cut = "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|none~0|none~1|none~2|";
        assertEquals(0, space.encoder("onehot-paths").encode(space.parse(cut))[34]);
        assertEquals("onehot-paths", space.defaultEncoder().name());
    }

    @Test
    void x11EncodingUsesNasBenchX11OpCodes() {
        // x11's order: avg_pool_3x3, nor_conv_1x1, nor_conv_3x3, none, skip_connect
        assertArrayEquals(new double[]{2, 3, 4, 0, 1, 3}, space.encoder("x11").encode(space.parse(CELL)));
    }

    @Test
    void unknownEncoderListsTheAvailableOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> space.encoder("path"));
        assertTrue(e.getMessage().contains("onehot"), e.getMessage());
    }

    @Test
    void encodersRejectArchitecturesOfOtherSpaces() {
        Architecture other = new org.curvebench.encoding.features.FeatureVector(new double[]{1});
        assertThrows(InvalidArchitectureException.class, () -> space.defaultEncoder().encode(other));
        assertEquals(TextNode.valueOf(CELL), space.parse(CELL).toJson());
    }
}
