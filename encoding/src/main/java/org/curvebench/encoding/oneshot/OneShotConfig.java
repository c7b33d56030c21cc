package org.curvebench.encoding.oneshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.InvalidArchitectureException;
import org.curvebench.encoding.nb101.Nb101Cell;

/**
 * A NAS-Bench-1Shot1 configuration: one operation per choice block and one parent set per node, written as its
 * configuration space writes it ({@code choice_block_<k>_op}, {@code choice_block_<k>_parents}). It stands for the
 * NAS-Bench-101 cell it builds, whose module hash is its canonical key, so configurations that differ only in
 * blocks off every input-to-output path share a key.
 */
public final class OneShotConfig implements Architecture {

    private final OneShotLayout layout;
    private final List<String> ops;
    private final int[][] parents;
    private final Nb101Cell cell;

    private OneShotConfig(OneShotLayout layout, List<String> ops, int[][] parents, Nb101Cell cell) {
        this.layout = layout;
        this.ops = ops;
        this.parents = parents;
        this.cell = cell;
    }

    /**
     * Validates a configuration of {@code layout}: {@code ops} names blocks 1..B, {@code parents} nodes 1..B+1 (the
     * output last), each a set of the node's fixed size among the nodes before it.
     */
    static OneShotConfig of(OneShotLayout layout, List<String> ops, int[][] parents) {
        if (ops.size() != layout.blocks()) {
            throw invalid(layout, "it has " + layout.blocks() + " choice blocks, got " + ops.size() + " operations");
        }
        for (int b = 0; b < ops.size(); b++) {
            if (!OneShotLayout.OPS.contains(ops.get(b))) {
                throw invalid(layout, OneShotSpace.opKey(b + 1) + " must be one of " + OneShotLayout.OPS + ", got '"
                        + ops.get(b) + "'");
            }
        }
        if (parents.length != layout.output()) {
            throw invalid(layout, "it needs parents of nodes 1.." + layout.output() + ", got " + parents.length);
        }
        int[][] sorted = new int[parents.length][];
        for (int k = 1; k <= layout.output(); k++) {
            sorted[k - 1] = checkedParents(layout, k, parents[k - 1]);
        }
        return new OneShotConfig(layout, List.copyOf(ops), sorted, build(layout, ops, sorted));
    }

    private static int[] checkedParents(OneShotLayout layout, int k, int[] given) {
        int want = layout.parentsOf(k);
        String rule = OneShotSpace.parentsKey(k) + " must name " + want + " distinct node(s) among 0.." + (k - 1)
                + (k == layout.output() ? " (the output takes " : " (block " + k + " takes ") + want + "), got "
                + Arrays.toString(given);
        if (given.length != want) {
            throw invalid(layout, rule);
        }
        int[] p = given.clone();
        Arrays.sort(p);
        for (int i = 0; i < p.length; i++) {
            if (p[i] < 0 || p[i] >= k || (i > 0 && p[i] == p[i - 1])) {
                throw invalid(layout, rule);
            }
        }
        return p;
    }

    /** The 7-vertex NAS-Bench-101 spec of a configuration, pruned. Every configuration is a valid cell. */
    private static Nb101Cell build(OneShotLayout layout, List<String> ops, int[][] parents) {
        int n = Nb101Cell.MAX_VERTICES;
        int[][] m = new int[n][n];
        for (int k = 1; k <= layout.output(); k++) {
            for (int p : parents[k - 1]) {
                m[layout.vertex(p)][layout.vertex(k)] = 1;
            }
        }
        List<String> vertexOps = new ArrayList<>(n);
        vertexOps.add(Nb101Cell.INPUT);
        vertexOps.addAll(ops);
        while (vertexOps.size() < n - 1) {
            vertexOps.add(Nb101Cell.CONV1X1);
        }
        vertexOps.add(Nb101Cell.OUTPUT);
        return Nb101Cell.of(m, vertexOps);
    }

    static InvalidArchitectureException invalid(OneShotLayout layout, String why) {
        return new InvalidArchitectureException("invalid " + layout.name() + " configuration: " + why);
    }

    OneShotLayout layout() {
        return layout;
    }

    /** Operation of block {@code k} (1..B). */
    public String op(int k) {
        return ops.get(k - 1);
    }

    /** Parents of node {@code k} (1..B+1, the output last), sorted. */
    public int[] parents(int k) {
        return parents[k - 1].clone();
    }

    /** The pruned NAS-Bench-101 cell this configuration builds. */
    public Nb101Cell cell() {
        return cell;
    }

    /** The cell's module hash. */
    @Override
    public String canonicalKey() {
        return cell.canonicalKey();
    }

    @Override
    public JsonNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (int k = 1; k <= layout.blocks(); k++) {
            node.put(OneShotSpace.opKey(k), op(k));
        }
        for (int k = 1; k <= layout.output(); k++) {
            ArrayNode a = node.putArray(OneShotSpace.parentsKey(k));
            for (int p : parents[k - 1]) {
                a.add(p);
            }
        }
        return node;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OneShotConfig c && layout.equals(c.layout) && ops.equals(c.ops)
                && Arrays.deepEquals(parents, c.parents);
    }

    @Override
    public int hashCode() {
        return 31 * ops.hashCode() + Arrays.deepHashCode(parents);
    }

    @Override
    public String toString() {
        return layout.name() + toJson();
    }
}
