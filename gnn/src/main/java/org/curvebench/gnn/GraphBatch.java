package org.curvebench.gnn;

import java.util.List;
import org.curvebench.core.CellGraph;

/**
 * Graphs laid out as the dense matrices a batched GIN step multiplies: node labels one-hot, each message's source
 * node and edge type one-hot, each node's incoming messages, and each graph's nodes (weights 1/n, for mean
 * pooling). Messages go along every edge both ways: edge e gives messages 2e (forwards) and 2e + 1 (backwards)
 * within its graph. Row-major arrays; immutable once made.
 */
final class GraphBatch {

    final int graphs;
    final int nodes;
    final int messages;
    final int nodeLabels;
    final int edgeTypes;
    /** nodes x nodeLabels */
    final double[] nodeOneHot;
    /** messages x nodes: 1 at each message's sending node */
    final double[] source;
    /** nodes x messages: 1 at each message a node receives */
    final double[] target;
    /** messages x edgeTypes */
    final double[] types;
    /** graphs x nodes: 1/n at each node of the graph */
    final double[] pool;

    private GraphBatch(int graphs, int nodes, int messages, int nodeLabels, int edgeTypes) {
        this.graphs = graphs;
        this.nodes = nodes;
        this.messages = messages;
        this.nodeLabels = nodeLabels;
        this.edgeTypes = edgeTypes;
        this.nodeOneHot = new double[nodes * nodeLabels];
        this.source = new double[messages * nodes];
        this.target = new double[nodes * messages];
        this.types = new double[messages * edgeTypes];
        this.pool = new double[graphs * nodes];
    }

    static GraphBatch of(List<CellGraph> graphs, int nodeLabels, int edgeTypes) {
        int n = 0;
        int m = 0;
        for (CellGraph g : graphs) {
            n += g.nodeCount();
            m += 2 * g.edgeCount();
        }
        GraphBatch b = new GraphBatch(graphs.size(), n, m, nodeLabels, edgeTypes);
        int base = 0;
        int msg = 0;
        for (int gi = 0; gi < graphs.size(); gi++) {
            CellGraph g = graphs.get(gi);
            for (int v = 0; v < g.nodeCount(); v++) {
                b.nodeOneHot[(base + v) * nodeLabels + g.nodeLabel(v)] = 1;
                b.pool[gi * n + base + v] = 1.0 / g.nodeCount();
            }
            for (int e = 0; e < g.edgeCount(); e++) {
                for (int dir = 0; dir < 2; dir++) {
                    int from = base + (dir == 0 ? g.edgeFrom(e) : g.edgeTo(e));
                    int to = base + (dir == 0 ? g.edgeTo(e) : g.edgeFrom(e));
                    b.source[msg * n + from] = 1;
                    b.target[to * m + msg] = 1;
                    b.types[msg * edgeTypes + GinNetwork.edgeType(g, e, edgeTypes, dir == 1)] = 1;
                    msg++;
                }
            }
            base += g.nodeCount();
        }
        return b;
    }
}
