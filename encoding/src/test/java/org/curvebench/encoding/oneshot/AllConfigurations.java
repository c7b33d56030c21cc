package org.curvebench.encoding.oneshot;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Every configuration of a NAS-Bench-1Shot1 space written out as JSON by brute force, from the parent counts alone
 * (written here independently of the space's own enumeration), and the paper's key of the architecture each
 * describes: the edges into nodes with a path to the output and those nodes' operations.
 */
public final class AllConfigurations {

    public static final List<String> OPS = List.of("conv1x1-bn-relu", "conv3x3-bn-relu", "maxpool3x3");

    private final int[] parents;
    private final List<List<int[]>> choices = new ArrayList<>();

    /** {@code parents}: parent counts of nodes 1..output. */
    public AllConfigurations(int... parents) {
        this.parents = parents;
        for (int k = 1; k <= parents.length; k++) {
            List<int[]> c = new ArrayList<>();
            subsets(k, parents[k - 1], 0, new ArrayList<>(), c);
            choices.add(c);
        }
    }

    private static void subsets(int n, int size, int from, List<Integer> chosen, List<int[]> out) {
        if (chosen.size() == size) {
            out.add(chosen.stream().mapToInt(Integer::intValue).toArray());
            return;
        }
        for (int v = from; v < n; v++) {
            chosen.add(v);
            subsets(n, size, v + 1, chosen, out);
            chosen.remove(chosen.size() - 1);
        }
    }

    public int blocks() {
        return parents.length - 1;
    }

    /** Parent sets node {@code k} may take. */
    public List<int[]> choices(int k) {
        return choices.get(k - 1);
    }

    /** Calls {@code action} with every configuration and the paper's key of its architecture. */
    public void forEach(java.util.function.BiConsumer<ObjectNode, String> action) {
        int nodes = parents.length;
        int[] pick = new int[nodes];
        int[] op = new int[blocks()];
        long structures = 1;
        for (List<int[]> c : choices) {
            structures *= c.size();
        }
        long labellings = (long) Math.pow(3, blocks());
        for (long s = 0; s < structures; s++) {
            long r = s;
            for (int k = 0; k < nodes; k++) {
                pick[k] = (int) (r % choices.get(k).size());
                r /= choices.get(k).size();
            }
            for (long l = 0; l < labellings; l++) {
                long q = l;
                for (int b = 0; b < op.length; b++) {
                    op[b] = (int) (q % 3);
                    q /= 3;
                }
                action.accept(json(pick, op), key(pick, op));
            }
        }
    }

    /** Configurations only. */
    public void forEachConfig(Consumer<ObjectNode> action) {
        forEach((json, key) -> action.accept(json));
    }

    private ObjectNode json(int[] pick, int[] op) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (int b = 1; b <= blocks(); b++) {
            o.put("choice_block_" + b + "_op", OPS.get(op[b - 1]));
        }
        for (int k = 1; k <= parents.length; k++) {
            ArrayNode a = o.putArray("choice_block_" + k + "_parents");
            for (int p : choices(k).get(pick[k - 1])) {
                a.add(p);
            }
        }
        return o;
    }

    private String key(int[] pick, int[] op) {
        int out = parents.length;
        boolean[] reaches = new boolean[out + 1];
        reaches[out] = true;
        TreeSet<String> parts = new TreeSet<>();
        for (int k = out; k >= 1; k--) {
            if (reaches[k]) {
                for (int p : choices(k).get(pick[k - 1])) {
                    reaches[p] = true;
                    parts.add(p + ">" + k);
                }
                if (k < out) {
                    parts.add(k + "=" + op[k - 1]);
                }
            }
        }
        return parts.toString();
    }
}
