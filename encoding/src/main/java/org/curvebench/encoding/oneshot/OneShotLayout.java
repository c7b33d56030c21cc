package org.curvebench.encoding.oneshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.curvebench.encoding.nb101.Nb101Cell;

/**
 * One of NAS-Bench-1Shot1's sub-spaces: nodes 0 (input), 1..B (choice blocks) and B+1 (output), node k taking a
 * fixed number of parents among the nodes before it. Spaces with 4 choice blocks are upscaled to NAS-Bench-101's 7
 * vertices as NAS-Bench-1Shot1 does: an unconnected {@code conv1x1-bn-relu} vertex is inserted before the output,
 * which pruning then removes.
 *
 * @param name    the space's name, e.g. {@code 1shot1-3}
 * @param parents parents of nodes 1..B+1, the output's last
 */
record OneShotLayout(String name, int[] parents) {

    static final OneShotLayout SPACE_1 = new OneShotLayout("1shot1-1", new int[] {1, 2, 2, 2, 2});
    static final OneShotLayout SPACE_2 = new OneShotLayout("1shot1-2", new int[] {1, 1, 2, 2, 3});
    static final OneShotLayout SPACE_3 = new OneShotLayout("1shot1-3", new int[] {1, 1, 1, 2, 2, 2});

    /** The operations a choice block may take, in NAS-Bench-1Shot1's order. */
    static final List<String> OPS = List.of(Nb101Cell.CONV1X1, Nb101Cell.CONV3X3, Nb101Cell.MAXPOOL3X3);

    OneShotLayout {
        parents = parents.clone();
    }

    @Override
    public int[] parents() {
        return parents.clone();
    }

    /** Number of choice blocks (nodes with an operation). */
    int blocks() {
        return parents.length - 1;
    }

    /** Node number of the output. */
    int output() {
        return parents.length;
    }

    /** Parents node {@code k} (1..output) takes. */
    int parentsOf(int k) {
        return parents[k - 1];
    }

    /** The NAS-Bench-101 vertex of node {@code k}: the same number, but the output is always vertex 6. */
    int vertex(int k) {
        return k == output() ? Nb101Cell.MAX_VERTICES - 1 : k;
    }

    /**
     * Every parent set node {@code k} may take, each sorted, in the order of Python's
     * {@code itertools.combinations(range(k), n)}.
     */
    int[][] parentChoices(int k) {
        List<int[]> out = new ArrayList<>();
        combine(k, parentsOf(k), 0, new int[parentsOf(k)], 0, out);
        return out.toArray(int[][]::new);
    }

    private static void combine(int n, int r, int from, int[] chosen, int at, List<int[]> out) {
        if (at == r) {
            out.add(chosen.clone());
            return;
        }
        for (int v = from; v <= n - (r - at); v++) {
            chosen[at] = v;
            combine(n, r, v + 1, chosen, at + 1, out);
        }
    }

    /** Number of configurations: every parent set of every node times every operation of every block. */
    long configurations() {
        long n = 1;
        for (int k = 1; k <= output(); k++) {
            n *= parentChoices(k).length;
        }
        for (int b = 0; b < blocks(); b++) {
            n *= OPS.size();
        }
        return n;
    }

    /** The parent counts as README and errors write them: {@code 1, 2, 2, 2; 2 into the output}. */
    String describeParents() {
        String blocks = Arrays.stream(parents, 0, blocks()).mapToObj(String::valueOf).collect(Collectors.joining(", "));
        return blocks + "; " + parents[blocks()] + " into the output";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OneShotLayout l && name.equals(l.name) && Arrays.equals(parents, l.parents);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
