package org.curvebench.encoding.oneshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.curvebench.core.Progress;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.InvalidArchitectureException;
import org.curvebench.encoding.SearchSpace;
import org.curvebench.encoding.SearchSpaces;
import org.curvebench.encoding.SpaceCount;
import org.curvebench.encoding.SubSpace;
import org.curvebench.encoding.nb101.Nb101Cell;
import org.curvebench.encoding.nb101.Nb101Space;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

class OneShotSpaceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String C1 = "conv1x1-bn-relu";
    private static final String C3 = "conv3x3-bn-relu";
    private static final String MP = "maxpool3x3";

    private static OneShotSpace space(int n) {
        return (OneShotSpace) SearchSpaces.installed().get("1shot1-" + n);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    /** Space 1: block 3 reads 1 and 2, block 4 reads 0 and 3, the output reads 2 and 4. */
    private static final String SPACE1 = "{'choice_block_1_op': 'conv3x3-bn-relu', 'choice_block_2_op': 'maxpool3x3',"
            + " 'choice_block_3_op': 'conv1x1-bn-relu', 'choice_block_4_op': 'conv3x3-bn-relu',"
            + " 'choice_block_1_parents': [0], 'choice_block_2_parents': [0, 1], 'choice_block_3_parents': [2, 1],"
            + " 'choice_block_4_parents': [0, 3], 'choice_block_5_parents': [2, 4]}";

    @Test
    void theThreeSpacesAreRegisteredAsSubSpacesOfNb101() {
        for (int n = 1; n <= 3; n++) {
            SearchSpace s = SearchSpaces.installed().get("1shot1-" + n);
            assertTrue(s instanceof SubSpace sub && sub.parentSpace().equals("nb101"), s.name());
            assertTrue(s.description().contains("choice_block_1_op"), s.description());
        }
        assertTrue(space(1).description().contains("1, 2, 2, 2; 2 into the output"), space(1).description());
        assertTrue(space(2).description().contains("1, 1, 2, 2; 3 into the output"), space(2).description());
        assertTrue(space(3).description().contains("1, 1, 1, 2, 2; 2 into the output"), space(3).description());
    }

    @Test
    void aConfigurationBuildsItsCellUpscaledAndPruned() throws Exception {
        OneShotConfig c = space(1).parse(json(SPACE1));
        int[][] expected = {
                {0, 1, 1, 0, 1, 0},
                {0, 0, 1, 1, 0, 0},
                {0, 0, 0, 1, 0, 1},
                {0, 0, 0, 0, 1, 0},
                {0, 0, 0, 0, 0, 1},
                {0, 0, 0, 0, 0, 0}};
        Nb101Cell cell = Nb101Cell.of(expected, List.of("input", C3, MP, C1, C3, "output"));
        assertEquals(cell, c.cell());
        assertEquals(cell.canonicalKey(), c.canonicalKey());
        assertEquals(9, c.cell().edges());
        assertArrayEquals(new int[] {1, 2}, c.parents(3), "parents are kept sorted");
        assertEquals(c, space(1).parse(c.toJson()));
        assertEquals(cell, space(1).inParent(c));

        int[][] upscaled = new int[7][7];
        int[][] edges = {{0, 1}, {0, 2}, {1, 2}, {1, 3}, {2, 3}, {0, 4}, {3, 4}, {2, 6}, {4, 6}};
        for (int[] e : edges) {
            upscaled[e[0]][e[1]] = 1;
        }
        Nb101Cell seven = Nb101Cell.of(upscaled, List.of("input", C3, MP, C1, C3, C1, "output"));
        assertEquals(seven, c.cell(), "NAS-Bench-1Shot1's 7-vertex form with its unused vertex 5 prunes to the cell");
    }

    @Test
    void blocksOffThePathToTheOutputDoNotChangeTheArchitecture() throws Exception {
        OneShotConfig a = space(1).parse(json(SPACE1.replace("'choice_block_5_parents': [2, 4]",
                "'choice_block_5_parents': [1, 2]")));
        OneShotConfig b = space(1).parse(((ObjectNode) a.toJson()).put("choice_block_4_op", MP)
                .put("choice_block_3_op", C3));
        assertNotEquals(a, b);
        assertEquals(a.canonicalKey(), b.canonicalKey());
        assertEquals(4, a.cell().vertices(), "blocks 3 and 4 reach no output and are pruned");
    }

    @Test
    void invalidConfigurationsNameTheRule() throws Exception {
        Map<String, String> broken = new HashMap<>();
        broken.put(SPACE1.replace("[2, 1]", "[2, 2]"), "choice_block_3_parents must name 2 distinct node(s) among 0..2");
        broken.put(SPACE1.replace("[2, 1]", "[3, 1]"), "choice_block_3_parents must name 2 distinct node(s) among 0..2");
        broken.put(SPACE1.replace("[2, 4]", "[2, 3, 4]"), "(the output takes 2)");
        broken.put(SPACE1.replace("'choice_block_1_parents': [0]", "'choice_block_1_parents': []"),
                "choice_block_1_parents must name 1 distinct node(s) among 0..0");
        broken.put(SPACE1.replace("'maxpool3x3'", "'avgpool3x3'"), "choice_block_2_op must be one of");
        broken.put(SPACE1.replace("'choice_block_4_op': 'conv3x3-bn-relu',", ""), "missing field \"choice_block_4_op\"");
        broken.put(SPACE1.replace("'choice_block_1_parents'", "'choice_block_6_parents': [0], 'choice_block_1_parents'"),
                "unknown field \"choice_block_6_parents\"");
        broken.put(SPACE1.replace("[0, 3]", "'0, 3'"), "choice_block_4_parents must be an array of node numbers");
        for (Map.Entry<String, String> e : broken.entrySet()) {
            String msg = assertThrows(InvalidArchitectureException.class, () -> space(1).parse(json(e.getKey())),
                    e.getKey()).getMessage();
            assertTrue(msg.startsWith("invalid 1shot1-1 configuration: ") && msg.contains(e.getValue()), msg);
        }
        String msg = assertThrows(InvalidArchitectureException.class, () -> space(2).parse(json(SPACE1))).getMessage();
        assertTrue(msg.contains("choice_block_2_parents must name 1 distinct node(s)"), msg);
        assertThrows(InvalidArchitectureException.class, () -> space(1).parse(json("[1, 2]")));
    }

    @Test
    void nb101CellsAreAcceptedWhenTheyLieInTheSpaceInAnyNumbering() throws Exception {
        OneShotConfig c = space(1).parse(json(SPACE1));
        assertEquals(c.canonicalKey(), space(1).parse(c.cell().toJson()).canonicalKey());

        // vertex 2 reads two inputs and vertex 3 one: in space 2 they go on blocks 3 and 2, against their numbering
        int[][] m = {{0, 1, 1, 1, 0}, {0, 0, 1, 0, 1}, {0, 0, 0, 0, 1}, {0, 0, 0, 0, 1}, {0, 0, 0, 0, 0}};
        Nb101Cell crossed = Nb101Cell.of(m, List.of("input", C1, C3, MP, "output"));
        OneShotConfig placed = space(2).parse(crossed.toJson());
        assertEquals(crossed.canonicalKey(), placed.canonicalKey());
        assertEquals(MP, placed.op(2));
        assertArrayEquals(new int[] {0, 1}, placed.parents(3));
        assertArrayEquals(new int[] {1, 2, 3}, placed.parents(5));

        int[][] diamond = {{0, 1, 1, 0}, {0, 0, 0, 1}, {0, 0, 0, 1}, {0, 0, 0, 0}};
        Nb101Cell twoBranches = Nb101Cell.of(diamond, List.of("input", MP, C3, "output"));
        assertEquals(twoBranches.canonicalKey(), space(3).parse(twoBranches.toJson()).canonicalKey());
        String noPlace = assertThrows(InvalidArchitectureException.class,
                () -> space(1).parse(twoBranches.toJson())).getMessage();
        assertTrue(noPlace.contains("no placement of its interior vertices (with [1, 1] inputs) on the choice blocks "
                + "gives every block its fixed number of parents (1, 2, 2, 2; 2 into the output)"), noPlace);

        int[][] chain = {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}};
        String msg = assertThrows(InvalidArchitectureException.class,
                () -> space(1).parse(Nb101Cell.of(chain, List.of("input", C3, "output")).toJson())).getMessage();
        assertTrue(msg.contains("does not lie in 1shot1-1: its output has 1 input(s) and the output of 1shot1-1 takes "
                + "exactly 2"), msg);
        int[][] five = new int[7][7];
        for (int v = 0; v < 6; v++) {
            five[v][v + 1] = 1;
        }
        five[0][6] = 1;
        msg = assertThrows(InvalidArchitectureException.class, () -> space(2).parse(
                Nb101Cell.of(five, List.of("input", C3, C3, C3, C3, C3, "output")).toJson())).getMessage();
        assertTrue(msg.contains("it has 5 interior vertices and 1shot1-2 has 4 choice blocks"), msg);
        int[][] fan = {{0, 1, 1, 1, 0}, {0, 0, 0, 0, 1}, {0, 0, 0, 0, 1}, {0, 0, 0, 0, 1}, {0, 0, 0, 0, 0}};
        Nb101Cell threeInputs = Nb101Cell.of(fan, List.of("input", C3, C3, MP, "output"));
        msg = assertThrows(InvalidArchitectureException.class, () -> space(1).parse(threeInputs.toJson())).getMessage();
        assertTrue(msg.contains("output has 3 input(s)"), msg);
        msg = assertThrows(InvalidArchitectureException.class, () -> space(2).parse(threeInputs.toJson())).getMessage();
        assertTrue(msg.contains("does not lie in 1shot1-2: no placement"), msg);
    }

    @Test
    void encodersAndGraphsAreThoseOfTheCell() throws Exception {
        OneShotConfig c = space(1).parse(json(SPACE1));
        Nb101Space nb101 = new Nb101Space();
        for (String name : nb101.encoderNames()) {
            assertArrayEquals(nb101.encoder(name).encode(c.cell()), space(1).encoder(name).encode(c), name);
        }
        assertEquals(nb101.graph(c.cell()), space(1).graph(c));
        assertThrows(InvalidArchitectureException.class, () -> space(1).encoder("x11").encode(c.cell()));
        assertThrows(InvalidArchitectureException.class, () -> space(2).graph(c));
    }

    @Test
    void everyArchitectureOfSpaces1And2IsAValidSmallCellAndRoundTrips() {
        for (int s = 1; s <= 2; s++) {
            OneShotSpace space = space(s);
            int[] count = new int[1];
            space.forEachArchitecture(a -> {
                OneShotConfig c = (OneShotConfig) a;
                assertTrue(c.cell().vertices() <= 6 && c.cell().edges() <= 9, c.toString());
                assertEquals(c, space.parse(c.toJson()));
                assertEquals(c.canonicalKey(), space.parse(c.cell().toJson()).canonicalKey());
                count[0]++;
            }, Progress.NONE);
            assertEquals(space.count(Progress.NONE).architectures(), count[0]);
        }
    }

    @Test
    void countsOfSpaces1And2MatchABruteForceOverEveryConfiguration() {
        for (int s = 1; s <= 2; s++) {
            AllConfigurations all = new AllConfigurations(s == 1 ? new int[] {1, 2, 2, 2, 2} : new int[] {1, 1, 2, 2, 3});
            assertBruteForceCount(space(s), all);
        }
    }

    /** The same brute force over space 3's 1,312,200 configurations (about 45 s: -Dcurvebench.slow=true). */
    @Test
    @EnabledIfSystemProperty(named = "curvebench.slow", matches = "true")
    void countsOfSpace3MatchABruteForceOverEveryConfiguration() {
        assertBruteForceCount(space(3), new AllConfigurations(1, 1, 1, 2, 2, 2));
    }

    private static void assertBruteForceCount(OneShotSpace space, AllConfigurations all) {
        long[] configurations = new long[1];
        Set<String> architectures = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        all.forEach((json, key) -> {
            configurations[0]++;
            architectures.add(key);
            hashes.add(space.parse(json).canonicalKey());
        });
        SpaceCount count = space.count(Progress.NONE);
        assertEquals(new SpaceCount(configurations[0], architectures.size(), hashes.size()), count, space.name());
    }

    /**
     * README's account of the paper's counts: spaces 1 and 3 count every choice of parent sets, loose ends included,
     * with the operations of the blocks that feed another node; space 2's figure is its number of configurations.
     */
    @Test
    void thePapersCountsFollowFromTheParentChoicesAsReadmeSays() {
        assertEquals(6_240, papersRule(new AllConfigurations(1, 2, 2, 2, 2)));
        assertEquals(363_648, papersRule(new AllConfigurations(1, 1, 1, 2, 2, 2)));
        assertEquals(29_160, space(2).count(Progress.NONE).configurations());
        assertNotEquals(29_160, papersRule(new AllConfigurations(1, 1, 2, 2, 3)));
    }

    private static long papersRule(AllConfigurations all) {
        List<List<int[]>> choices = new ArrayList<>();
        for (int k = 1; k <= all.blocks() + 1; k++) {
            choices.add(all.choices(k));
        }
        long[] total = new long[1];
        walk(choices, 0, new HashSet<>(), total);
        return total[0];
    }

    private static void walk(List<List<int[]>> choices, int node, Set<Integer> feeding, long[] total) {
        if (node == choices.size()) {
            total[0] += (long) Math.pow(3, feeding.size());
            return;
        }
        for (int[] parents : choices.get(node)) {
            Set<Integer> f = new HashSet<>(feeding);
            for (int p : parents) {
                if (p > 0) {
                    f.add(p);
                }
            }
            walk(choices, node + 1, f, total);
        }
    }

    @Test
    void samplesAreUniformOverConfigurations() {
        OneShotSpace space = space(1);
        AllConfigurations all = new AllConfigurations(1, 2, 2, 2, 2);
        List<int[]> outputChoices = all.choices(5);
        int[] seen = new int[outputChoices.size()];
        int[] ops = new int[3];
        SplittableRandom random = new SplittableRandom(5);
        int draws = 3000;
        for (int i = 0; i < draws; i++) {
            OneShotConfig c = space.sample(random);
            for (int j = 0; j < outputChoices.size(); j++) {
                if (java.util.Arrays.equals(outputChoices.get(j), c.parents(5))) {
                    seen[j]++;
                }
            }
            ops[AllConfigurations.OPS.indexOf(c.op(4))]++;
        }
        for (int n : seen) {
            assertTrue(n > 0.7 * draws / 10 && n < 1.3 * draws / 10, java.util.Arrays.toString(seen));
        }
        for (int n : ops) {
            assertTrue(n > 0.85 * draws / 3 && n < 1.15 * draws / 3, java.util.Arrays.toString(ops));
        }
    }

    @Test
    void neighboursChangeOneChoiceAndNeverTheCellToItself() throws Exception {
        OneShotSpace space = space(1);
        OneShotConfig c = space.parse(json(SPACE1));
        List<Architecture> neighbours = space.neighbours(c);
        Set<String> keys = new HashSet<>();
        for (Architecture a : neighbours) {
            OneShotConfig n = (OneShotConfig) a;
            int changed = 0;
            for (int k = 1; k <= 4; k++) {
                changed += n.op(k).equals(c.op(k)) ? 0 : 1;
            }
            for (int k = 1; k <= 5; k++) {
                changed += java.util.Arrays.equals(n.parents(k), c.parents(k)) ? 0 : 1;
            }
            assertEquals(1, changed, n.toString());
            assertNotEquals(c.canonicalKey(), n.canonicalKey());
            assertTrue(keys.add(n.canonicalKey()), "repeated " + n);
        }
        // every block is on a path here: 4 blocks x 2 other ops, then 2 + 5 + 9 other parent sets, less isomorphs
        assertTrue(neighbours.size() > 8 && neighbours.size() <= 8 + 2 + 5 + 9, neighbours.size() + "");
        assertTrue(keys.contains(space.mutate(c, new SplittableRandom(1)).canonicalKey()));
    }
}
