package org.curvebench.encoding.nb101;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.InvalidArchitectureException;

/**
 * A NAS-Bench-101 cell: a DAG of at most 7 vertices and 9 edges from an {@code input} vertex to an
 * {@code output} vertex, every other vertex one of three operations. Cells are validated and pruned exactly as
 * NAS-Bench-101's {@code ModelSpec} and API do, and keep only the pruned graph; isomorphic cells share their
 * {@link #canonicalKey()}, NAS-Bench-101's module hash.
 */
public final class Nb101Cell implements Architecture {

    public static final String INPUT = "input";
    public static final String OUTPUT = "output";
    public static final String CONV3X3 = "conv3x3-bn-relu";
    public static final String CONV1X1 = "conv1x1-bn-relu";
    public static final String MAXPOOL3X3 = "maxpool3x3";

    /** The interior operations in NAS-Bench-101's label order: label 0, 1, 2. */
    public static final List<String> OPS = List.of(CONV3X3, CONV1X1, MAXPOOL3X3);

    /** Integer label of the input vertex in NAS-Bench-101 graph files. */
    public static final int INPUT_LABEL = -1;
    /** Integer label of the output vertex in NAS-Bench-101 graph files. */
    public static final int OUTPUT_LABEL = -2;

    public static final int MAX_VERTICES = 7;
    public static final int MAX_EDGES = 9;

    private final boolean[][] matrix;
    private final List<String> ops;
    /** The module hash, computed on first use: a benign race, as the hash is a string and always the same. */
    private String hash;

    private Nb101Cell(boolean[][] matrix, List<String> ops) {
        this.matrix = matrix;
        this.ops = List.copyOf(ops);
    }

    /**
     * Validates and prunes a cell given as a 0/1 adjacency matrix ({@code adjacency[i][j] == 1} for an edge
     * i&rarr;j) and one operation name per vertex; throws {@link InvalidArchitectureException} naming the rule broken.
     */
    public static Nb101Cell of(int[][] adjacency, List<String> ops) {
        if (adjacency == null || adjacency.length < 2) {
            throw invalid("the adjacency matrix needs at least 2 vertices (input and output), got "
                    + (adjacency == null ? 0 : adjacency.length));
        }
        int n = adjacency.length;
        boolean[][] m = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            if (adjacency[i] == null || adjacency[i].length != n) {
                throw invalid("the adjacency matrix must be square: it has " + n + " rows but row " + i + " has "
                        + (adjacency[i] == null ? 0 : adjacency[i].length) + " entries");
            }
            for (int j = 0; j < n; j++) {
                int e = adjacency[i][j];
                if (e != 0 && e != 1) {
                    throw invalid("adjacency entries must be 0 or 1, got " + e + " at [" + i + "][" + j + "]");
                }
                if (e == 1 && j <= i) {
                    throw invalid("the adjacency matrix must be strictly upper-triangular (edges only from a lower "
                            + "to a higher vertex), but [" + i + "][" + j + "] is 1; number the vertices in "
                            + "topological order");
                }
                m[i][j] = e == 1;
            }
        }
        if (ops == null || ops.size() != n) {
            throw invalid("ops must name one operation per vertex: the matrix has " + n + " vertices but ops has "
                    + (ops == null ? 0 : ops.size()));
        }
        return prune(m, ops);
    }

    /**
     * Like {@link #of(int[][], List)} with NAS-Bench-101's integer labels: -1 input, -2 output, 0/1/2 for the
     * operations of {@link #OPS}.
     */
    public static Nb101Cell fromLabels(int[][] adjacency, int[] labels) {
        List<String> ops = new ArrayList<>(labels.length);
        for (int i = 0; i < labels.length; i++) {
            ops.add(opOfLabel(labels[i], i));
        }
        return of(adjacency, ops);
    }

    /** The operation name of a NAS-Bench-101 integer label; vertex is only for the message. */
    static String opOfLabel(int label, int vertex) {
        if (label == INPUT_LABEL) {
            return INPUT;
        }
        if (label == OUTPUT_LABEL) {
            return OUTPUT;
        }
        if (label >= 0 && label < OPS.size()) {
            return OPS.get(label);
        }
        throw invalid("unknown operation label " + label + " at vertex " + vertex
                + "; labels are -1 (input), -2 (output), 0 (" + CONV3X3 + "), 1 (" + CONV1X1 + "), 2 (" + MAXPOOL3X3 + ")");
    }

    /** Drops vertices not on an input-to-output path, then applies the API's size and operation rules. */
    private static Nb101Cell prune(boolean[][] m, List<String> ops) {
        int n = m.length;
        boolean[] fromInput = new boolean[n];
        fromInput[0] = true;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n && fromInput[i]; j++) {
                fromInput[j] |= m[i][j];
            }
        }
        boolean[] toOutput = new boolean[n];
        toOutput[n - 1] = true;
        for (int j = n - 1; j >= 0; j--) {
            for (int i = 0; i < j && toOutput[j]; i++) {
                toOutput[i] |= m[i][j];
            }
        }
        int[] keep = new int[n];
        int kept = 0;
        for (int v = 0; v < n; v++) {
            if (fromInput[v] && toOutput[v]) {
                keep[kept++] = v;
            }
        }
        if (kept < 2) {
            throw invalid("the input (vertex 0) is not connected to the output (vertex " + (n - 1)
                    + ") by any path; add edges so that the output is reachable from the input");
        }
        boolean[][] pruned = new boolean[kept][kept];
        List<String> prunedOps = new ArrayList<>(kept);
        int edges = 0;
        for (int a = 0; a < kept; a++) {
            prunedOps.add(ops.get(keep[a]));
            for (int b = 0; b < kept; b++) {
                pruned[a][b] = m[keep[a]][keep[b]];
                edges += pruned[a][b] ? 1 : 0;
            }
        }
        if (kept > MAX_VERTICES) {
            throw invalid("after pruning vertices off every input-to-output path the cell has " + kept
                    + " vertices; NAS-Bench-101 allows at most " + MAX_VERTICES);
        }
        if (edges > MAX_EDGES) {
            throw invalid("after pruning the cell has " + edges + " edges; NAS-Bench-101 allows at most " + MAX_EDGES);
        }
        if (!INPUT.equals(prunedOps.get(0))) {
            throw invalid("the first vertex must be '" + INPUT + "', got '" + prunedOps.get(0) + "'");
        }
        if (!OUTPUT.equals(prunedOps.get(kept - 1))) {
            throw invalid("the last vertex must be '" + OUTPUT + "', got '" + prunedOps.get(kept - 1) + "'");
        }
        for (int a = 1; a < kept - 1; a++) {
            if (!OPS.contains(prunedOps.get(a))) {
                throw invalid("vertex " + keep[a] + " has operation '" + prunedOps.get(a)
                        + "'; interior vertices must be one of " + OPS);
            }
        }
        return new Nb101Cell(pruned, prunedOps);
    }

    private static InvalidArchitectureException invalid(String why) {
        return new InvalidArchitectureException("invalid NAS-Bench-101 cell: " + why);
    }

    /** Number of vertices after pruning, input and output included. */
    public int vertices() {
        return matrix.length;
    }

    /** Number of edges after pruning. */
    public int edges() {
        int e = 0;
        for (boolean[] row : matrix) {
            for (boolean b : row) {
                e += b ? 1 : 0;
            }
        }
        return e;
    }

    /** Whether the pruned cell has an edge {@code from} &rarr; {@code to}. */
    public boolean edge(int from, int to) {
        return matrix[from][to];
    }

    /** The pruned adjacency matrix as 0/1 (a copy). */
    public int[][] adjacency() {
        int n = matrix.length;
        int[][] a = new int[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = matrix[i][j] ? 1 : 0;
            }
        }
        return a;
    }

    /** Operation names of the pruned vertices, {@code input} first and {@code output} last. */
    public List<String> ops() {
        return ops;
    }

    /** NAS-Bench-101's integer labels of the pruned vertices (-1 input, -2 output, index into {@link #OPS}). */
    public int[] labels() {
        int[] labels = new int[ops.size()];
        for (int v = 0; v < labels.length; v++) {
            String op = ops.get(v);
            labels[v] = v == 0 ? INPUT_LABEL : v == labels.length - 1 ? OUTPUT_LABEL : OPS.indexOf(op);
        }
        return labels;
    }

    /** NAS-Bench-101's module hash of the pruned cell (32 hex digits), computed when first asked for. */
    @Override
    public String canonicalKey() {
        String h = hash;
        if (h == null) {
            h = ModuleHash.of(matrix, labels());
            hash = h;
        }
        return h;
    }

    @Override
    public JsonNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ArrayNode rows = node.putArray("adjacency");
        for (int[] row : adjacency()) {
            ArrayNode r = rows.addArray();
            for (int e : row) {
                r.add(e);
            }
        }
        ArrayNode o = node.putArray("ops");
        ops.forEach(o::add);
        return node;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Nb101Cell c && Arrays.deepEquals(matrix, c.matrix) && ops.equals(c.ops);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(matrix) + ops.hashCode();
    }

    @Override
    public String toString() {
        return "Nb101Cell" + Arrays.deepToString(adjacency()) + ops;
    }
}
