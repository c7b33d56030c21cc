package org.curvebench.core;

import java.util.Arrays;

/**
 * A cell as a directed graph, the input graph learners read: each node carries a label, each edge goes from one
 * node to another and may carry a label. Labels are indices into the {@link GraphSchema} of the space. Nodes are
 * numbered so that every edge goes from a lower to a higher number (cells are DAGs); node 0 is an input.
 * Immutable.
 */
public final class CellGraph {

    /** Label of an edge that carries none. */
    public static final int NO_LABEL = -1;

    private final GraphSchema schema;
    private final int[] nodeLabels;
    private final int[] from;
    private final int[] to;
    private final int[] edgeLabels;

    private CellGraph(GraphSchema schema, int[] nodeLabels, int[] from, int[] to, int[] edgeLabels) {
        this.schema = schema;
        this.nodeLabels = nodeLabels;
        this.from = from;
        this.to = to;
        this.edgeLabels = edgeLabels;
    }

    /**
     * A graph from node labels and edges {@code from[i] -> to[i]} with labels {@code edgeLabels[i]} ({@code null}
     * for unlabelled edges), checked against {@code schema}.
     */
    public static CellGraph of(GraphSchema schema, int[] nodeLabels, int[] from, int[] to, int[] edgeLabels) {
        int n = nodeLabels.length;
        if (n == 0 || n > schema.maxNodes()) {
            throw new IllegalArgumentException("a cell graph has 1.." + schema.maxNodes() + " nodes, got " + n);
        }
        for (int v = 0; v < n; v++) {
            if (nodeLabels[v] < 0 || nodeLabels[v] >= schema.nodeLabels().size()) {
                throw new IllegalArgumentException("node " + v + " has label " + nodeLabels[v] + ", outside 0.."
                        + (schema.nodeLabels().size() - 1));
            }
        }
        if (from.length != to.length || (edgeLabels != null && edgeLabels.length != from.length)) {
            throw new IllegalArgumentException("edge arrays differ in length");
        }
        int[] labels = edgeLabels == null ? new int[from.length] : edgeLabels.clone();
        if (edgeLabels == null) {
            Arrays.fill(labels, NO_LABEL);
        }
        for (int e = 0; e < from.length; e++) {
            if (from[e] < 0 || to[e] >= n || from[e] >= to[e]) {
                throw new IllegalArgumentException("edge " + e + " (" + from[e] + " -> " + to[e]
                        + ") must go from a lower to a higher node among 0.." + (n - 1));
            }
            if (schema.labelledEdges() ? labels[e] < 0 || labels[e] >= schema.edgeLabels().size() : labels[e] != NO_LABEL) {
                throw new IllegalArgumentException("edge " + e + " has label " + labels[e] + ", which the schema does not allow");
            }
        }
        return new CellGraph(schema, nodeLabels.clone(), from.clone(), to.clone(), labels);
    }

    /** The schema the labels index into, which graph learners size their embeddings from. */
    public GraphSchema schema() {
        return schema;
    }

    public int nodeCount() {
        return nodeLabels.length;
    }

    public int edgeCount() {
        return from.length;
    }

    public int nodeLabel(int node) {
        return nodeLabels[node];
    }

    public int edgeFrom(int edge) {
        return from[edge];
    }

    public int edgeTo(int edge) {
        return to[edge];
    }

    /** The edge's label, or {@link #NO_LABEL}. */
    public int edgeLabel(int edge) {
        return edgeLabels[edge];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CellGraph g && Arrays.equals(nodeLabels, g.nodeLabels) && Arrays.equals(from, g.from)
                && Arrays.equals(to, g.to) && Arrays.equals(edgeLabels, g.edgeLabels);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(nodeLabels) * 31 + Arrays.hashCode(from) * 17 + Arrays.hashCode(to) + Arrays.hashCode(edgeLabels);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CellGraph{nodes=").append(Arrays.toString(nodeLabels)).append(", edges=[");
        for (int e = 0; e < from.length; e++) {
            sb.append(e == 0 ? "" : ", ").append(from[e]).append("->").append(to[e]);
            if (edgeLabels[e] != NO_LABEL) {
                sb.append(':').append(edgeLabels[e]);
            }
        }
        return sb.append("]}").toString();
    }
}
