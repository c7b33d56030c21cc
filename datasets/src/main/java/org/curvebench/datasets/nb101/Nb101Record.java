package org.curvebench.datasets.nb101;

import java.util.Arrays;
import java.util.List;

/**
 * One record of a NAS-Bench-101 TFRecord file: one training run (repeat) of one cell for a budget of
 * {@code epochs}. The adjacency and ops are the pruned cell as the file stores it; evaluations are at the start,
 * halfway and end of training.
 */
public record Nb101Record(String hash, int epochs, int[][] adjacency, List<String> ops, int trainableParameters,
                          double totalTime, List<Nb101Evaluation> evaluations) {

    public Nb101Record {
        adjacency = copy(adjacency);
        ops = List.copyOf(ops);
        evaluations = List.copyOf(evaluations);
    }

    /** A copy of the adjacency matrix. */
    @Override
    public int[][] adjacency() {
        return copy(adjacency);
    }

    private static int[][] copy(int[][] m) {
        int[][] c = new int[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Nb101Record r && hash.equals(r.hash) && epochs == r.epochs
                && Arrays.deepEquals(adjacency, r.adjacency) && ops.equals(r.ops)
                && trainableParameters == r.trainableParameters
                && Double.compare(totalTime, r.totalTime) == 0 && evaluations.equals(r.evaluations);
    }

    @Override
    public int hashCode() {
        return hash.hashCode() * 31 + epochs;
    }

    @Override
    public String toString() {
        return "Nb101Record[" + hash + ", " + epochs + " epochs, " + evaluations.size() + " evaluations]";
    }
}
