package org.curvebench.encoding.nlp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Computes {@link NlpRecipe#canonicalForm()}: a serialisation of the cell's graph that is the same for every
 * way of writing one cell. Nodes are coloured by operation and output name, the colours refined by the
 * colours of inputs (in order, or as a multiset for commutative operations) and of consumers until stable,
 * and remaining ties broken by trying each tied node in turn and keeping the smallest serialisation
 * (individualisation and refinement). A node used twice is kept apart from two equal nodes, so weight sharing
 * is part of the key.
 */
final class CellCanonicalizer {

    private final int sources;
    private final String[] initial;
    private final int[][] inputs;
    private final boolean[] commutative;
    private final List<List<int[]>> consumers;
    private final String[] sourceNames;
    private final String[] ops;
    private final String[] outputs;

    private CellCanonicalizer(List<NlpRecipe.Node> nodes) {
        sources = NlpSpace.CELL_INPUTS.size();
        int n = sources + nodes.size();
        Map<String, Integer> index = new HashMap<>();
        sourceNames = NlpSpace.CELL_INPUTS.toArray(String[]::new);
        for (int i = 0; i < sources; i++) {
            index.put(sourceNames[i], i);
        }
        for (int i = 0; i < nodes.size(); i++) {
            index.put(nodes.get(i).name(), sources + i);
        }
        initial = new String[n];
        inputs = new int[n][];
        commutative = new boolean[n];
        ops = new String[n];
        outputs = new String[n];
        consumers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            consumers.add(new ArrayList<>());
        }
        for (int i = 0; i < sources; i++) {
            initial[i] = "in:" + sourceNames[i];
            inputs[i] = new int[0];
        }
        for (int i = 0; i < nodes.size(); i++) {
            NlpRecipe.Node node = nodes.get(i);
            int v = sources + i;
            ops[v] = node.op();
            outputs[v] = NlpSpace.isOutput(node.name()) ? node.name() : "";
            commutative[v] = NlpSpace.COMMUTATIVE_OPS.contains(node.op());
            initial[v] = "op:" + ops[v] + "/" + outputs[v];
            inputs[v] = node.inputs().stream().mapToInt(index::get).toArray();
            for (int p = 0; p < inputs[v].length; p++) {
                consumers.get(inputs[v][p]).add(new int[] {v, p});
            }
        }
    }

    /** The canonical form of a validated cell. */
    static String canonicalForm(List<NlpRecipe.Node> nodes) {
        CellCanonicalizer c = new CellCanonicalizer(nodes);
        return c.search(rank(c.initial));
    }

    private String search(int[] colours) {
        int[] refined = refine(colours);
        int tied = smallestTiedColour(refined);
        if (tied < 0) {
            return serialise(refined);
        }
        String best = null;
        for (int v = 0; v < refined.length; v++) {
            if (refined[v] != tied) {
                continue;
            }
            int[] split = new int[refined.length];
            for (int u = 0; u < split.length; u++) {
                split[u] = 2 * refined[u];
            }
            split[v]++;
            String candidate = search(split);
            if (best == null || candidate.compareTo(best) < 0) {
                best = candidate;
            }
        }
        return best;
    }

    private int[] refine(int[] colours) {
        int[] current = colours;
        int classes = distinct(current);
        while (true) {
            String[] signatures = new String[current.length];
            for (int v = 0; v < current.length; v++) {
                signatures[v] = signature(v, current);
            }
            int[] next = rank(signatures);
            int nextClasses = distinct(next);
            if (nextClasses == classes) {
                return next;
            }
            current = next;
            classes = nextClasses;
        }
    }

    private String signature(int v, int[] colours) {
        String[] in = new String[inputs[v].length];
        for (int p = 0; p < in.length; p++) {
            in[p] = Integer.toString(colours[inputs[v][p]]);
        }
        if (commutative[v]) {
            Arrays.sort(in);
        }
        List<String> out = new ArrayList<>();
        for (int[] use : consumers.get(v)) {
            out.add(colours[use[0]] + "@" + (commutative[use[0]] ? "*" : Integer.toString(use[1])));
        }
        out.sort(null);
        return colours[v] + "<" + String.join(",", in) + ">[" + String.join(",", out) + "]";
    }

    private String serialise(int[] colours) {
        Integer[] order = new Integer[colours.length - sources];
        for (int i = 0; i < order.length; i++) {
            order[i] = sources + i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(colours[a], colours[b]));
        Map<Integer, String> ref = new HashMap<>();
        for (int i = 0; i < sources; i++) {
            ref.put(i, sourceNames[i]);
        }
        for (int k = 0; k < order.length; k++) {
            ref.put(order[k], "n" + k);
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < order.length; k++) {
            int v = order[k];
            String[] in = new String[inputs[v].length];
            for (int p = 0; p < in.length; p++) {
                in[p] = ref.get(inputs[v][p]);
            }
            if (commutative[v]) {
                Arrays.sort(in);
            }
            if (k > 0) {
                sb.append(';');
            }
            sb.append("n").append(k).append('=').append(ops[v]).append('(').append(String.join(",", in)).append(')');
            if (!outputs[v].isEmpty()) {
                sb.append("->").append(outputs[v]);
            }
        }
        return sb.toString();
    }

    private static int smallestTiedColour(int[] colours) {
        int[] count = new int[colours.length];
        for (int c : colours) {
            count[c]++;
        }
        for (int c = 0; c < count.length; c++) {
            if (count[c] > 1) {
                return c;
            }
        }
        return -1;
    }

    private static int distinct(int[] colours) {
        return (int) Arrays.stream(colours).distinct().count();
    }

    private static int[] rank(String[] signatures) {
        List<String> sorted = new ArrayList<>(new TreeSet<>(Arrays.asList(signatures)));
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            position.put(sorted.get(i), i);
        }
        int[] colours = new int[signatures.length];
        for (int v = 0; v < colours.length; v++) {
            colours[v] = position.get(signatures[v]);
        }
        return colours;
    }
}
