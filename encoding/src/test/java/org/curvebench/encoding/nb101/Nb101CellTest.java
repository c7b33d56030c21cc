package org.curvebench.encoding.nb101;

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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.curvebench.encoding.InvalidArchitectureException;
import org.junit.jupiter.api.Test;

class Nb101CellTest {

    private static final String IN = Nb101Cell.INPUT;
    private static final String OUT = Nb101Cell.OUTPUT;
    private static final String C3 = Nb101Cell.CONV3X3;
    private static final String C1 = Nb101Cell.CONV1X1;
    private static final String MP = Nb101Cell.MAXPOOL3X3;

    static Path shared() {
        return Path.of(System.getProperty("curvebench.shared", "../../shared"));
    }

    private static String failure(int[][] adjacency, List<String> ops) {
        return assertThrows(InvalidArchitectureException.class, () -> Nb101Cell.of(adjacency, ops)).getMessage();
    }

    @Test
    void rejectsNonSquareMatrix() {
        String msg = failure(new int[][] {{0, 1, 0}, {0, 0}, {0, 0, 0}}, List.of(IN, C3, OUT));
        assertTrue(msg.contains("square"), msg);
    }

    @Test
    void rejectsOpsOfWrongLength() {
        String msg = failure(new int[][] {{0, 1}, {0, 0}}, List.of(IN, C3, OUT));
        assertTrue(msg.contains("one operation per vertex"), msg);
    }

    @Test
    void rejectsEntriesOtherThanZeroOrOne() {
        String msg = failure(new int[][] {{0, 2}, {0, 0}}, List.of(IN, OUT));
        assertTrue(msg.contains("0 or 1"), msg);
    }

    @Test
    void rejectsLowerTriangleAndDiagonal() {
        assertTrue(failure(new int[][] {{0, 1}, {1, 0}}, List.of(IN, OUT)).contains("upper-triangular"));
        assertTrue(failure(new int[][] {{1, 1}, {0, 0}}, List.of(IN, OUT)).contains("upper-triangular"));
    }

    @Test
    void rejectsDisconnectedInputAndOutput() {
        String msg = failure(new int[][] {{0, 1, 0}, {0, 0, 0}, {0, 0, 0}}, List.of(IN, C3, OUT));
        assertTrue(msg.contains("not connected"), msg);
        assertTrue(failure(new int[][] {{0}}, List.of(IN)).contains("at least 2"));
    }

    @Test
    void rejectsWrongFirstLastAndInteriorOps() {
        int[][] chain = {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}};
        assertTrue(failure(chain, List.of(C3, C3, OUT)).contains("first vertex must be 'input'"));
        assertTrue(failure(chain, List.of(IN, C3, C1)).contains("last vertex must be 'output'"));
        String msg = failure(chain, List.of(IN, "conv5x5", OUT));
        assertTrue(msg.contains("conv5x5") && msg.contains("interior"), msg);
    }

    @Test
    void rejectsTooManyEdgesAfterPruning() {
        int[][] m = new int[7][7];
        for (int i = 0; i < 6; i++) {
            m[i][i + 1] = 1;
        }
        for (int j = 2; j <= 5; j++) {
            m[0][j] = 1;
        }
        String msg = failure(m, List.of(IN, C3, C3, C3, C3, C3, OUT));
        assertTrue(msg.contains("edges") && msg.contains("at most 9"), msg);
    }

    @Test
    void rejectsMoreThanSevenVerticesOnPaths() {
        int n = 8;
        int[][] chain = new int[n][n];
        List<String> ops = new ArrayList<>(List.of(IN));
        for (int i = 0; i < n - 1; i++) {
            chain[i][i + 1] = 1;
            if (i > 0) {
                ops.add(C3);
            }
        }
        ops.add(OUT);
        String msg = failure(chain, ops);
        assertTrue(msg.contains("8 vertices") && msg.contains("at most 7"), msg);
    }

    @Test
    void prunesVerticesOffInputToOutputPaths() {
        // vertex 2 is fed by the input but feeds nothing; vertex 3 feeds the output but nothing feeds it;
        // with them the raw graph has 8 vertices and 10 edges, which pruning brings into the limits.
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
        Nb101Cell cell = Nb101Cell.of(m, List.of(IN, C3, "not-an-op", MP, C1, C3, MP, OUT));
        assertEquals(6, cell.vertices());
        assertEquals(7, cell.edges());
        assertEquals(List.of(IN, C3, C1, C3, MP, OUT), cell.ops());
        int[][] pruned = {
            {0, 1, 0, 1, 0, 0},
            {0, 0, 1, 0, 0, 1},
            {0, 0, 0, 1, 0, 0},
            {0, 0, 0, 0, 1, 0},
            {0, 0, 0, 0, 0, 1},
            {0, 0, 0, 0, 0, 0}};
        Nb101Cell direct = Nb101Cell.of(pruned, List.of(IN, C3, C1, C3, MP, OUT));
        assertEquals(direct, cell);
        assertEquals(direct.canonicalKey(), cell.canonicalKey());
    }

    @Test
    void integerLabelsEqualOpNames() {
        int[][] m = {{0, 1, 1, 0}, {0, 0, 0, 1}, {0, 0, 0, 1}, {0, 0, 0, 0}};
        Nb101Cell byName = Nb101Cell.of(m, List.of(IN, MP, C1, OUT));
        Nb101Cell byLabel = Nb101Cell.fromLabels(m, new int[] {-1, 2, 1, -2});
        assertEquals(byName, byLabel);
        assertEquals(byName.canonicalKey(), byLabel.canonicalKey());
        assertEquals(List.of(-1, 2, 1, -2), java.util.Arrays.stream(byName.labels()).boxed().toList());
        String msg = assertThrows(InvalidArchitectureException.class,
                () -> Nb101Cell.fromLabels(m, new int[] {-1, 3, 1, -2})).getMessage();
        assertTrue(msg.contains("label 3"), msg);
    }

    @Test
    void knownHashOfTheSmallestCell() {
        Nb101Cell cell = Nb101Cell.fromLabels(new int[][] {{0, 1}, {0, 0}}, new int[] {-1, -2});
        assertEquals("043721b9c7fe8c5fad811d47d83132ec", cell.canonicalKey());
    }

    @Test
    void differentOpsOrEdgesGiveDifferentHashes() {
        int[][] m = {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}};
        int[][] skip = {{0, 1, 1}, {0, 0, 1}, {0, 0, 0}};
        String a = Nb101Cell.of(m, List.of(IN, C3, OUT)).canonicalKey();
        assertNotEquals(a, Nb101Cell.of(m, List.of(IN, C1, OUT)).canonicalKey());
        assertNotEquals(a, Nb101Cell.of(skip, List.of(IN, C3, OUT)).canonicalKey());
    }

    @Test
    void reproducesEveryHashOfTheNasBench101Sample() throws IOException {
        Path file = shared().resolve("data/nasbench101-sample/nb101_dummy.json");
        assumeTrue(Files.isRegularFile(file), "shared NAS-Bench-101 sample not present: " + file);
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Nb101Cell cell = cellOf(e.getValue().get("module_adjacency"), e.getValue().get("module_operations"));
            assertEquals(e.getKey(), cell.canonicalKey(), "hash of " + cell);
            for (Nb101Cell relabelled : relabellings(cell)) {
                assertEquals(e.getKey(), relabelled.canonicalKey(), "hash of relabelling " + relabelled);
            }
            checked++;
        }
        assertEquals(30, checked);
    }

    @Test
    void isomorphicRelabellingsShareTheHash() {
        int[][] m = {
            {0, 1, 1, 1, 0, 0, 0},
            {0, 0, 0, 0, 1, 0, 0},
            {0, 0, 0, 0, 1, 0, 0},
            {0, 0, 0, 0, 0, 1, 0},
            {0, 0, 0, 0, 0, 0, 1},
            {0, 0, 0, 0, 0, 0, 1},
            {0, 0, 0, 0, 0, 0, 0}};
        Nb101Cell cell = Nb101Cell.of(m, List.of(IN, C3, C1, MP, C3, C1, OUT));
        List<Nb101Cell> others = relabellings(cell);
        assertTrue(others.size() > 10, "found " + others.size());
        for (Nb101Cell o : others) {
            assertEquals(cell.canonicalKey(), o.canonicalKey(), o.toString());
        }
    }

    static Nb101Cell cellOf(JsonNode adjacency, JsonNode ops) {
        int[][] m = new int[adjacency.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = new int[adjacency.get(i).size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = adjacency.get(i).get(j).intValue();
            }
        }
        List<String> names = new ArrayList<>();
        ops.forEach(o -> names.add(o.asText()));
        return Nb101Cell.of(m, names);
    }

    /** Every other numbering of the interior vertices that keeps the matrix upper-triangular. */
    static List<Nb101Cell> relabellings(Nb101Cell cell) {
        int n = cell.vertices();
        List<Nb101Cell> out = new ArrayList<>();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        permute(cell, perm, 1, out);
        return out;
    }

    private static void permute(Nb101Cell cell, int[] perm, int k, List<Nb101Cell> out) {
        int n = perm.length;
        if (k == n - 1) {
            int[][] a = cell.adjacency();
            int[][] b = new int[n][n];
            List<String> ops = new ArrayList<>(cell.ops());
            boolean identity = true;
            for (int v = 0; v < n; v++) {
                identity &= perm[v] == v;
                ops.set(perm[v], cell.ops().get(v));
                for (int w = 0; w < n; w++) {
                    b[perm[v]][perm[w]] = a[v][w];
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    if (b[i][j] != 0) {
                        return;
                    }
                }
            }
            if (!identity) {
                Nb101Cell other = Nb101Cell.of(b, ops);
                out.add(other);
            }
            return;
        }
        for (int i = k; i < n - 1; i++) {
            int t = perm[k];
            perm[k] = perm[i];
            perm[i] = t;
            permute(cell, perm, k + 1, out);
            perm[i] = perm[k];
            perm[k] = t;
        }
    }
}
