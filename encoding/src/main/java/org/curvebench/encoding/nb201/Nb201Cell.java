package org.curvebench.encoding.nb201;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Arrays;
import java.util.List;
import org.curvebench.encoding.Architecture;

/**
 * A NAS-Bench-201 cell: four nodes, six edges, each edge one of five operations. Edges are ordered
 * (1&lt;-0), (2&lt;-0), (2&lt;-1), (3&lt;-0), (3&lt;-1), (3&lt;-2), as in the NAS-Bench-201 string.
 */
public final class Nb201Cell implements Architecture {

    /** The operations in the order NAS-Bench-201 lists them. */
    public static final List<String> OPS =
            List.of("none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3");

    /** Number of edges in a cell. */
    public static final int EDGES = 6;

    /** Number of cells in the space, 5^6. */
    public static final int CELLS = 15_625;

    private final byte[] ops;

    /** A cell from six operation indices into {@link #OPS}, in edge order. */
    public Nb201Cell(int... opIndices) {
        if (opIndices.length != EDGES) {
            throw new IllegalArgumentException("a NAS-Bench-201 cell has 6 edges, got " + opIndices.length);
        }
        this.ops = new byte[EDGES];
        for (int i = 0; i < EDGES; i++) {
            if (opIndices[i] < 0 || opIndices[i] >= OPS.size()) {
                throw new IllegalArgumentException("operation index out of range on edge " + i + ": " + opIndices[i]);
            }
            ops[i] = (byte) opIndices[i];
        }
    }

    /**
     * The cell of number {@code index} in 0..{@link #CELLS}-1: the op of edge e is digit e (least significant
     * first) of {@code index} written in base 5. {@link #index()} is its inverse.
     */
    public static Nb201Cell ofIndex(int index) {
        if (index < 0 || index >= CELLS) {
            throw new IllegalArgumentException("a NAS-Bench-201 cell index is in 0.." + (CELLS - 1) + ", got " + index);
        }
        int[] ops = new int[EDGES];
        for (int e = 0; e < EDGES; e++) {
            ops[e] = index % OPS.size();
            index /= OPS.size();
        }
        return new Nb201Cell(ops);
    }

    /** The number of this cell in 0..{@link #CELLS}-1 (see {@link #ofIndex(int)}). */
    public int index() {
        int index = 0;
        for (int e = EDGES - 1; e >= 0; e--) {
            index = index * OPS.size() + ops[e];
        }
        return index;
    }

    /** The operation index (into {@link #OPS}) on edge {@code edge}. */
    public int op(int edge) {
        return ops[edge];
    }

    /** The operation name on edge {@code edge}. */
    public String opName(int edge) {
        return OPS.get(ops[edge]);
    }

    /** The cell as a NAS-Bench-201 string, e.g. {@code |nor_conv_3x3~0|+|none~0|skip_connect~1|+|...|}. */
    public String toNb201String() {
        StringBuilder sb = new StringBuilder("|");
        int edge = 0;
        for (int node = 1; node <= 3; node++) {
            if (node > 1) {
                sb.append("+|");
            }
            for (int input = 0; input < node; input++) {
                sb.append(opName(edge++)).append('~').append(input).append('|');
            }
        }
        return sb.toString();
    }

    @Override
    public String canonicalKey() {
        return toNb201String();
    }

    @Override
    public JsonNode toJson() {
        return TextNode.valueOf(toNb201String());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Nb201Cell c && Arrays.equals(ops, c.ops);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ops);
    }

    @Override
    public String toString() {
        return toNb201String();
    }
}
