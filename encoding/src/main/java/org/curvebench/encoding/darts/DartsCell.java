package org.curvebench.encoding.darts;

import java.util.Arrays;
import java.util.List;

/**
 * One DARTS cell (normal or reduce): four intermediate nodes, numbered 2..5 after the cell inputs 0 and 1, each
 * fed by two distinct earlier nodes through one operation each. Stored canonically: edge {@code 2k} and
 * {@code 2k + 1} feed node {@code k + 2}, the lower input first, so the two inputs of a node written in either order
 * give the same cell. Immutable; validated by {@link DartsForms}, which names the rule a cell breaks.
 */
public final class DartsCell {

    /** The operations, in DARTS' and NASLib's order (NASLib's compact form and NAS-Bench-301's choices use it). */
    public static final List<String> OPS = List.of("max_pool_3x3", "avg_pool_3x3", "skip_connect", "sep_conv_3x3",
            "sep_conv_5x5", "dil_conv_3x3", "dil_conv_5x5");

    /** Intermediate nodes per cell. */
    public static final int NODES = 4;
    /** Edges per cell: two into each intermediate node. */
    public static final int EDGES = 2 * NODES;
    /** The first intermediate node's number (0 and 1 are the cell inputs). */
    public static final int FIRST_NODE = 2;

    private final byte[] inputs;
    private final byte[] ops;

    private DartsCell(byte[] inputs, byte[] ops) {
        this.inputs = inputs;
        this.ops = ops;
    }

    /**
     * The cell whose edge {@code i} takes node {@code inputs[i]} through {@code ops[i]} (an index into {@link #OPS});
     * the caller has checked the rules, so this only orders each node's pair.
     */
    static DartsCell ofChecked(int[] inputs, int[] ops) {
        byte[] in = new byte[EDGES];
        byte[] op = new byte[EDGES];
        for (int k = 0; k < NODES; k++) {
            int a = 2 * k;
            int b = a + 1;
            if (inputs[b] < inputs[a]) {
                int t = a;
                a = b;
                b = t;
            }
            in[2 * k] = (byte) inputs[a];
            op[2 * k] = (byte) ops[a];
            in[2 * k + 1] = (byte) inputs[b];
            op[2 * k + 1] = (byte) ops[b];
        }
        return new DartsCell(in, op);
    }

    /** The node edge {@code edge} (0..7) comes from. */
    public int input(int edge) {
        return inputs[edge];
    }

    /** The operation index (into {@link #OPS}) of edge {@code edge}. */
    public int op(int edge) {
        return ops[edge];
    }

    public String opName(int edge) {
        return OPS.get(ops[edge]);
    }

    /** The intermediate node (2..5) edge {@code edge} feeds. */
    public static int node(int edge) {
        return FIRST_NODE + edge / 2;
    }

    /**
     * NAS-Bench-301's number (0..13) of the edge from node {@code from} into node {@code to}: edges into node 2 are
     * 0-1, into node 3 2-4, into node 4 5-8 and into node 5 9-13, each group ordered by input.
     */
    public static int nb301Edge(int from, int to) {
        int start = 0;
        for (int n = FIRST_NODE; n < to; n++) {
            start += n;
        }
        return start + from;
    }

    /** The longest chain of intermediate nodes from a cell input to any node, 1..4. */
    public int depth() {
        int[] d = new int[FIRST_NODE + NODES];
        int deepest = 0;
        for (int e = 0; e < EDGES; e++) {
            int to = node(e);
            d[to] = Math.max(d[to], d[inputs[e]] + 1);
            deepest = Math.max(deepest, d[to]);
        }
        return deepest;
    }

    /** How many edges carry operation {@code op}. */
    public int count(int op) {
        int n = 0;
        for (byte o : ops) {
            n += o == op ? 1 : 0;
        }
        return n;
    }

    /** A copy with edge {@code edge} changed to come from {@code input} through {@code op}, re-ordered canonically. */
    DartsCell with(int edge, int input, int op) {
        int[] in = new int[EDGES];
        int[] o = new int[EDGES];
        for (int e = 0; e < EDGES; e++) {
            in[e] = inputs[e];
            o[e] = ops[e];
        }
        in[edge] = input;
        o[edge] = op;
        return ofChecked(in, o);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DartsCell c && Arrays.equals(inputs, c.inputs) && Arrays.equals(ops, c.ops);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(inputs) * 31 + Arrays.hashCode(ops);
    }

    /** NASLib's compact form of this cell, {@code [[input, op], x 8]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int e = 0; e < EDGES; e++) {
            sb.append(e == 0 ? "[" : ", [").append(inputs[e]).append(", ").append(ops[e]).append(']');
        }
        return sb.append(']').toString();
    }
}
