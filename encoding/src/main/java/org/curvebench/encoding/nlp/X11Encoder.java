package org.curvebench.encoding.nlp;

import java.util.ArrayList;
import java.util.List;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.Encoder;
import org.curvebench.encoding.InvalidArchitectureException;

/**
 * NAS-Bench-x11's encoding of a NAS-Bench-NLP cell, feature for feature. The cell is first put in x11's
 * compact form: nodes numbered {@code x, h_prev_0, h_prev_1, h_prev_2} (0..3), then recipe nodes in the order
 * of a pass that repeatedly takes the first not-yet-numbered node, in recipe order, whose inputs are all
 * numbered. With {@code M = maxNodes} the features are the flattened {@code (M+1) x (M+1)} adjacency (row =
 * input, column = consumer), the {@code M+1} op codes (index into {@link #X11_OPS}, 0 for the inputs and for
 * padding) and the indices of up to three hidden-state nodes, padding 0. The last node is moved to index
 * {@code M} in the adjacency and op codes (not in the hidden-state indices), and a node counts as a hidden
 * state when its name contains {@code h_new}, as x11 does. x11 drops cells whose last index exceeds its limit;
 * this encoder refuses them instead, so that a larger limit can be chosen. The one-hot variant replaces each op
 * code by a one-hot of length 8, all zero for padding.
 */
final class X11Encoder implements Encoder {

    static final String NAME = "x11";
    static final String ONEHOT = "onehot";

    /** The limit of {@link NlpSpace#encoder(String)} when none is named; x11 itself used 12. */
    static final int DEFAULT_MAX_NODES = 24;

    /** NAS-Bench-x11's op order; code 0 marks a cell input. */
    static final List<String> X11_OPS = List.of("in", "activation_sigm", "activation_tanh", "activation_leaky_relu",
            "elementwise_sum", "elementwise_prod", "linear", "blend");

    static final int HIDDEN_SLOTS = 3;

    private final int maxNodes;
    private final boolean oneHot;

    X11Encoder(int maxNodes, boolean oneHot) {
        if (maxNodes < NlpSpace.CELL_INPUTS.size()) {
            throw new IllegalArgumentException("x11 node limit must be at least " + NlpSpace.CELL_INPUTS.size()
                    + " (the cell inputs take indices 0..3 and a recipe has at least one node), got " + maxNodes);
        }
        this.maxNodes = maxNodes;
        this.oneHot = oneHot;
    }

    @Override
    public String name() {
        String base = oneHot ? ONEHOT : NAME;
        return maxNodes == DEFAULT_MAX_NODES ? base : base + ":" + maxNodes;
    }

    /** The largest node index the encoding has room for. */
    int maxNodes() {
        return maxNodes;
    }

    /** The cell in x11's compact form. */
    record Compact(List<int[]> edges, int[] ops, int[] hidden) {
    }

    /**
     * The recipe's nodes in x11's compact order: repeatedly the first not-yet-numbered node, in recipe order, whose
     * inputs are all numbered (the cell inputs come first). Node {@code i} of the result has index {@code 4 + i}.
     */
    static List<NlpRecipe.Node> compactOrder(NlpRecipe recipe) {
        List<String> numbered = new ArrayList<>(NlpSpace.CELL_INPUTS);
        List<NlpRecipe.Node> order = new ArrayList<>(recipe.size());
        List<NlpRecipe.Node> pending = new ArrayList<>(recipe.nodes());
        while (!pending.isEmpty()) {
            int pick = -1;
            for (int i = 0; i < pending.size() && pick < 0; i++) {
                if (numbered.containsAll(pending.get(i).inputs())) {
                    pick = i;
                }
            }
            if (pick < 0) {
                throw new InvalidArchitectureException("node '" + pending.get(0).name()
                        + "' cannot be ordered after its inputs (cycle)");
            }
            NlpRecipe.Node n = pending.remove(pick);
            numbered.add(n.name());
            order.add(n);
        }
        return order;
    }

    static Compact compact(NlpRecipe recipe) {
        List<String> numbered = new ArrayList<>(NlpSpace.CELL_INPUTS);
        List<Integer> ops = new ArrayList<>(List.of(0, 0, 0, 0));
        List<int[]> edges = new ArrayList<>();
        List<Integer> hidden = new ArrayList<>();
        for (NlpRecipe.Node n : compactOrder(recipe)) {
            numbered.add(n.name());
            int index = numbered.size() - 1;
            ops.add(X11_OPS.indexOf(n.op()));
            if (n.name().contains("h_new")) {
                hidden.add(index);
            }
            for (String in : n.inputs()) {
                edges.add(new int[] {numbered.indexOf(in), index});
            }
        }
        return new Compact(edges, ops.stream().mapToInt(Integer::intValue).toArray(),
                hidden.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public double[] encode(Architecture architecture) {
        if (!(architecture instanceof NlpRecipe recipe)) {
            throw new InvalidArchitectureException("not a NAS-Bench-NLP recipe: " + architecture);
        }
        Compact c = compact(recipe);
        int last = c.ops().length - 1;
        if (last > maxNodes) {
            throw new InvalidArchitectureException("cell " + recipe.canonicalKey() + " has " + recipe.size()
                    + " nodes, so its last node index in x11's compact form is " + last + " (x and h_prev_0..2 take "
                    + "0..3), above this encoder's limit of " + maxNodes + "; raise the limit, e.g. encoder 'x11:"
                    + last + "' or NlpSpace.x11Encoder(" + last + ")");
        }
        int side = maxNodes + 1;
        int opWidth = oneHot ? X11_OPS.size() : 1;
        double[] f = new double[side * side + side * opWidth + HIDDEN_SLOTS];
        for (int[] e : c.edges()) {
            f[slot(e[0], last) * side + slot(e[1], last)] = 1.0;
        }
        int base = side * side;
        for (int i = 0; i <= last; i++) {
            int code = c.ops()[i];
            int at = slot(i, last);
            if (oneHot) {
                f[base + at * opWidth + code] = 1.0;
            } else {
                f[base + at] = code;
            }
        }
        base += side * opWidth;
        for (int k = 0; k < HIDDEN_SLOTS && k < c.hidden().length; k++) {
            f[base + k] = c.hidden()[k];
        }
        return f;
    }

    private int slot(int index, int last) {
        return index == last ? maxNodes : index;
    }

    @Override
    public List<String> featureNames() {
        int side = maxNodes + 1;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                names.add("adj_" + i + "_" + j);
            }
        }
        for (int i = 0; i < side; i++) {
            if (oneHot) {
                for (String op : X11_OPS) {
                    names.add("op_" + i + "=" + op);
                }
            } else {
                names.add("op_" + i);
            }
        }
        for (int k = 0; k < HIDDEN_SLOTS; k++) {
            names.add("hidden_" + k);
        }
        return names;
    }
}
