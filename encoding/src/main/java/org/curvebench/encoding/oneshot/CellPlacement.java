package org.curvebench.encoding.oneshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.curvebench.encoding.InvalidArchitectureException;
import org.curvebench.encoding.nb101.Nb101Cell;

/**
 * Finds a configuration of a sub-space that builds a given NAS-Bench-101 cell, or says why there is none. A pruned
 * cell lies in the sub-space when its interior vertices can be placed on distinct choice blocks so that every edge
 * runs from a lower node to a higher one and every placed block, and the output, has exactly its fixed number of
 * inputs; blocks left empty get the first parent set and operation, and pruning removes them. With at most five
 * interior vertices and five blocks there are at most 120 placements to try.
 */
final class CellPlacement {

    private final OneShotLayout layout;
    private final Nb101Cell cell;
    private final int interior;
    private final int[] inDegree;

    private CellPlacement(OneShotLayout layout, Nb101Cell cell) {
        this.layout = layout;
        this.cell = cell;
        this.interior = cell.vertices() - 2;
        this.inDegree = new int[cell.vertices()];
        for (int i = 0; i < cell.vertices(); i++) {
            for (int j = i + 1; j < cell.vertices(); j++) {
                inDegree[j] += cell.edge(i, j) ? 1 : 0;
            }
        }
    }

    /** The configuration of {@code layout} building {@code cell} (the first placement found), or the rule it breaks. */
    static OneShotConfig configOf(OneShotLayout layout, Nb101Cell cell) {
        return new CellPlacement(layout, cell).find();
    }

    private OneShotConfig find() {
        int out = cell.vertices() - 1;
        if (interior > layout.blocks()) {
            throw outside("it has " + interior + " interior vertices and " + layout.name() + " has "
                    + layout.blocks() + " choice blocks");
        }
        if (inDegree[out] != layout.parentsOf(layout.output())) {
            throw outside("its output has " + inDegree[out] + " input(s) and the output of " + layout.name()
                    + " takes exactly " + layout.parentsOf(layout.output()));
        }
        int[] node = new int[cell.vertices()];
        node[out] = layout.output();
        Optional<int[]> placed = place(1, node, new boolean[layout.blocks() + 1]);
        if (placed.isEmpty()) {
            int[] interiorInputs = Arrays.copyOfRange(inDegree, 1, out);
            throw outside("no placement of its interior vertices (with " + Arrays.toString(interiorInputs)
                    + " inputs) on the choice blocks gives every block its fixed number of parents ("
                    + layout.describeParents() + ") with edges only from lower to higher nodes");
        }
        return config(placed.get());
    }

    /** Places vertex {@code v} and the ones after it; {@code node[u]} is the node vertex u sits on. */
    private Optional<int[]> place(int v, int[] node, boolean[] used) {
        if (v > interior) {
            return edgesRunUpward(node) ? Optional.of(node.clone()) : Optional.empty();
        }
        for (int k = 1; k <= layout.blocks(); k++) {
            if (!used[k] && layout.parentsOf(k) == inDegree[v]) {
                used[k] = true;
                node[v] = k;
                Optional<int[]> found = place(v + 1, node, used);
                used[k] = false;
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private boolean edgesRunUpward(int[] node) {
        for (int i = 0; i < cell.vertices(); i++) {
            for (int j = i + 1; j < cell.vertices(); j++) {
                if (cell.edge(i, j) && node[i] >= node[j]) {
                    return false;
                }
            }
        }
        return true;
    }

    private OneShotConfig config(int[] node) {
        List<String> ops = new ArrayList<>();
        int[][] parents = new int[layout.output()][];
        for (int k = 1; k <= layout.blocks(); k++) {
            ops.add(OneShotLayout.OPS.get(0));
            parents[k - 1] = layout.parentChoices(k)[0];
        }
        for (int v = 1; v < cell.vertices(); v++) {
            int k = node[v];
            if (v < cell.vertices() - 1) {
                ops.set(k - 1, cell.ops().get(v));
            }
            int[] p = new int[inDegree[v]];
            int at = 0;
            for (int u = 0; u < v; u++) {
                if (cell.edge(u, v)) {
                    p[at++] = node[u];
                }
            }
            parents[k - 1] = p;
        }
        OneShotConfig config = OneShotConfig.of(layout, ops, parents);
        if (!config.canonicalKey().equals(cell.canonicalKey())) {
            throw new IllegalStateException("placing " + cell + " in " + layout.name() + " built " + config.cell());
        }
        return config;
    }

    private InvalidArchitectureException outside(String why) {
        return new InvalidArchitectureException("the NAS-Bench-101 cell " + cell.canonicalKey() + " does not lie in "
                + layout.name() + ": " + why);
    }
}
