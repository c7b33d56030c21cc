package org.curvebench.core;

import java.util.List;

/**
 * The vocabulary of a space's cell graphs: the labels nodes and edges may carry and the most nodes a graph has.
 * Graph learners size their embeddings from it; labels in a {@link CellGraph} are indices into these lists.
 *
 * @param nodeLabels labels a node may carry (for example {@code input}, {@code conv3x3-bn-relu}, {@code output})
 * @param edgeLabels labels an edge may carry; empty when edges are unlabelled
 * @param maxNodes   the most nodes any graph of the space has
 */
public record GraphSchema(List<String> nodeLabels, List<String> edgeLabels, int maxNodes) {

    public GraphSchema {
        if (nodeLabels.isEmpty()) {
            throw new IllegalArgumentException("a graph schema needs at least one node label");
        }
        if (maxNodes < 1) {
            throw new IllegalArgumentException("a graph schema needs maxNodes >= 1, got " + maxNodes);
        }
        nodeLabels = List.copyOf(nodeLabels);
        edgeLabels = List.copyOf(edgeLabels);
    }

    /** Whether edges carry labels. */
    public boolean labelledEdges() {
        return !edgeLabels.isEmpty();
    }
}
