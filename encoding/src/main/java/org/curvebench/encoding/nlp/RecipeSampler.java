package org.curvebench.encoding.nlp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.InvalidArchitectureException;

/**
 * Random recipes and one-edit neighbourhoods for {@link NlpSpace}.
 *
 * <p>A sample is drawn in the manner of NAS-Bench-NLP's generator, simplified: 1 to 3 hidden states, then 1 to 9
 * more nodes than hidden states built one after another, each with an operation drawn with about the frequencies
 * of the NAS-Bench-NLP logs (linear most, then the three activations, rarely elementwise ops and blend) and
 * distinct inputs drawn from the cell inputs it may read ({@code x} and {@code h_prev_k} for the hidden states
 * written) and the nodes built before it, the first input preferring a node no other node reads yet. The last
 * node and randomly chosen others write {@code h_new_0..}; nodes that then feed no hidden state are dropped.
 * Every sample validates.
 */
final class RecipeSampler {

    /** Operations in {@link NlpSpace#OPS} order and their relative frequencies when drawing a node. */
    private static final double[] OP_WEIGHTS = {0.40, 0.04, 0.06, 0.06, 0.14, 0.17, 0.13};

    /** Nodes built beyond the hidden states: 1 to this many. */
    private static final int MAX_EXTRA_NODES = 9;

    /** How often a node's first input is a node that nothing reads yet (when there is one). */
    private static final double PREFER_UNREAD = 0.8;

    /** How often a linear node has 3 inputs rather than 2 (the logs: 145 of 837). */
    private static final double LINEAR_THREE_INPUTS = 0.2;

    private RecipeSampler() {
    }

    static NlpRecipe sample(NlpSpace space, RandomGenerator random) {
        int hidden = 1 + random.nextInt(NlpSpace.MAX_HIDDEN_STATES);
        int count = hidden + 1 + random.nextInt(MAX_EXTRA_NODES);
        // which built node writes which hidden state: the last node one of them, the others anywhere before it
        String[] names = new String[count];
        List<Integer> outputs = new ArrayList<>(hidden);
        for (int k = 0; k < hidden; k++) {
            outputs.add(k);
        }
        shuffle(outputs, random);
        names[count - 1] = NlpSpace.OUTPUT_PREFIX + outputs.get(0);
        for (int k = 1; k < hidden; k++) {
            int at;
            do {
                at = random.nextInt(count - 1);
            } while (names[at] != null);
            names[at] = NlpSpace.OUTPUT_PREFIX + outputs.get(k);
        }
        for (int i = 0; i < count; i++) {
            if (names[i] == null) {
                names[i] = "node_" + i;
            }
        }

        List<String> readable = new ArrayList<>();
        readable.add(NlpSpace.CELL_INPUTS.get(0));
        for (int k = 0; k < hidden; k++) {
            readable.add(NlpSpace.CELL_INPUTS.get(1 + k));
        }
        List<String> unread = new ArrayList<>();
        List<NlpRecipe.Node> nodes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String op = drawOp(random, readable.size());
            int arity = op.startsWith("activation_") ? 1
                    : op.equals("blend") ? 3
                    : op.equals("linear") && readable.size() >= 3 && random.nextDouble() < LINEAR_THREE_INPUTS ? 3
                    : 2;
            List<String> inputs = new ArrayList<>(arity);
            if (!unread.isEmpty() && random.nextDouble() < PREFER_UNREAD) {
                inputs.add(unread.get(random.nextInt(unread.size())));
            }
            while (inputs.size() < arity) {
                String candidate = readable.get(random.nextInt(readable.size()));
                if (!inputs.contains(candidate)) {
                    inputs.add(candidate);
                }
            }
            unread.removeAll(inputs);
            unread.add(names[i]);
            readable.add(names[i]);
            nodes.add(new NlpRecipe.Node(names[i], op, inputs));
        }
        return space.recipe(feedingOutputs(nodes));
    }

    /** An operation drawn by {@link #OP_WEIGHTS}, blend only when there are three distinct inputs to read. */
    private static String drawOp(RandomGenerator random, int readable) {
        while (true) {
            double u = random.nextDouble();
            int op = 0;
            while (op < OP_WEIGHTS.length - 1 && u >= OP_WEIGHTS[op]) {
                u -= OP_WEIGHTS[op];
                op++;
            }
            String name = NlpSpace.OPS.get(op);
            if (!name.equals("blend") || readable >= 3) {
                return name;
            }
        }
    }

    /** The nodes from which some hidden state is reachable, in their order. */
    private static List<NlpRecipe.Node> feedingOutputs(List<NlpRecipe.Node> nodes) {
        Set<String> needed = new HashSet<>();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            NlpRecipe.Node n = nodes.get(i);
            if (NlpSpace.isOutput(n.name()) || needed.contains(n.name())) {
                needed.add(n.name());
                needed.addAll(n.inputs());
            }
        }
        return nodes.stream().filter(n -> needed.contains(n.name())).toList();
    }

    private static <T> void shuffle(List<T> list, RandomGenerator random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    /**
     * The recipes one edit away, in this order: for each node, each other operation that takes the node's number
     * of inputs; then for each node and each of its inputs, that input replaced by each other cell input the
     * recipe may read or recipe node, one not already among the node's inputs. Edits that break a rule of the
     * space (a cycle, a node left feeding no hidden state) are left out, and so are results with the key of the
     * recipe or of an earlier result.
     */
    static List<Architecture> neighbours(NlpSpace space, NlpRecipe recipe) {
        List<NlpRecipe.Node> nodes = recipe.nodes();
        Set<String> seen = new HashSet<>();
        seen.add(recipe.canonicalKey());
        List<Architecture> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            NlpRecipe.Node n = nodes.get(i);
            for (String op : NlpSpace.OPS) {
                if (!op.equals(n.op()) && NlpSpace.takes(op, n.inputs().size())) {
                    tryAdd(space, replaced(nodes, i, new NlpRecipe.Node(n.name(), op, n.inputs())), seen, out);
                }
            }
        }
        List<String> sources = new ArrayList<>();
        sources.add(NlpSpace.CELL_INPUTS.get(0));
        for (int k = 0; k < recipe.hiddenStates(); k++) {
            sources.add(NlpSpace.CELL_INPUTS.get(1 + k));
        }
        nodes.forEach(n -> sources.add(n.name()));
        for (int i = 0; i < nodes.size(); i++) {
            NlpRecipe.Node n = nodes.get(i);
            for (int p = 0; p < n.inputs().size(); p++) {
                for (String source : sources) {
                    if (source.equals(n.name()) || n.inputs().contains(source)) {
                        continue;
                    }
                    List<String> inputs = new ArrayList<>(n.inputs());
                    inputs.set(p, source);
                    tryAdd(space, replaced(nodes, i, new NlpRecipe.Node(n.name(), n.op(), inputs)), seen, out);
                }
            }
        }
        return out;
    }

    private static List<NlpRecipe.Node> replaced(List<NlpRecipe.Node> nodes, int i, NlpRecipe.Node node) {
        List<NlpRecipe.Node> copy = new ArrayList<>(nodes);
        copy.set(i, node);
        return copy;
    }

    private static void tryAdd(NlpSpace space, List<NlpRecipe.Node> nodes, Set<String> seen, List<Architecture> out) {
        NlpRecipe r;
        try {
            r = space.recipe(nodes);
        } catch (InvalidArchitectureException invalid) {
            return;
        }
        if (seen.add(r.canonicalKey())) {
            out.add(r);
        }
    }
}
