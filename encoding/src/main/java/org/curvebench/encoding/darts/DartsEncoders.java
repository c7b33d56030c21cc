package org.curvebench.encoding.darts;

import java.util.ArrayList;
import java.util.List;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.Encoder;
import org.curvebench.encoding.InvalidArchitectureException;

/** The feature vectors of DARTS cell pairs: NAS-Bench-x11's NB311 input, a one-hot of (edge, op), and that one-hot with cell statistics. */
final class DartsEncoders {

    /** NAS-Bench-301's edges per cell (all possible (from, to) pairs into nodes 2..5). */
    static final int NB301_EDGES = 14;

    /**
     * Relative parameter cost of each op in units of C^2 for C channels: a separable convolution is two
     * depthwise-pointwise pairs, a dilated one is one pair, pooling and identity have none.
     */
    private static final double[] OP_PARAMETERS = {0, 0, 0, 2.0, 2.1, 1.0, 1.05};

    private DartsEncoders() {
    }

    static DartsArchitecture pair(Architecture a) {
        if (a instanceof DartsArchitecture d) {
            return d;
        }
        throw new InvalidArchitectureException("not a DARTS cell pair: " + a);
    }

    /**
     * The index of the pair {@code a < b} among the input pairs of {@code node}, in NAS-Bench-301's order
     * (0_1, 0_2, ..., 1_2, ...).
     */
    static int pairIndex(int a, int b, int node) {
        int index = 0;
        for (int i = 0; i < node; i++) {
            for (int j = i + 1; j < node; j++) {
                if (i == a && j == b) {
                    return index;
                }
                index++;
            }
        }
        throw new IllegalArgumentException("no input pair " + a + "_" + b + " for node " + node);
    }

    /** A cell's approximate parameter count in units of C^2 (a reduce cell's skip from a cell input is a factorized reduce). */
    static double parameters(DartsCell cell, boolean reduce) {
        double p = 0;
        for (int e = 0; e < DartsCell.EDGES; e++) {
            p += OP_PARAMETERS[cell.op(e)];
            if (reduce && cell.input(e) < DartsCell.FIRST_NODE && cell.opName(e).equals("skip_connect")) {
                p += 0.5;
            }
        }
        return p;
    }

    /**
     * NAS-Bench-x11's NB311 input, NAS-Bench-301's ConfigSpace array: per cell the 14 edges' op indices (-1 where
     * the edge is inactive) and the choice index of the input pair of nodes 3, 4 and 5; 34 features.
     */
    static final class X11 implements Encoder {
        @Override
        public String name() {
            return "x11";
        }

        @Override
        public double[] encode(Architecture architecture) {
            DartsArchitecture a = pair(architecture);
            double[] x = new double[2 * (NB301_EDGES + 3)];
            int at = 0;
            for (int c = 0; c < 2; c++) {
                DartsCell cell = a.cell(c);
                java.util.Arrays.fill(x, at, at + NB301_EDGES, -1);
                for (int e = 0; e < DartsCell.EDGES; e++) {
                    x[at + DartsCell.nb301Edge(cell.input(e), DartsCell.node(e))] = cell.op(e);
                }
                at += NB301_EDGES;
                for (int k = 1; k < DartsCell.NODES; k++) {
                    x[at++] = pairIndex(cell.input(2 * k), cell.input(2 * k + 1), DartsCell.FIRST_NODE + k);
                }
            }
            return x;
        }

        @Override
        public List<String> featureNames() {
            List<String> names = new ArrayList<>();
            for (String cell : DartsForms.CELL_NAMES) {
                for (int i = 0; i < NB301_EDGES; i++) {
                    names.add("edge_" + cell + "_" + i);
                }
                for (int node = 3; node <= 5; node++) {
                    names.add("inputs_node_" + cell + "_" + node);
                }
            }
            return names;
        }
    }

    /** One bit per (cell, NAS-Bench-301 edge, op): 2 x 14 x 7 = 196 features, all zero for an inactive edge. */
    static final class OneHot implements Encoder {
        @Override
        public String name() {
            return "onehot";
        }

        @Override
        public double[] encode(Architecture architecture) {
            DartsArchitecture a = pair(architecture);
            int ops = DartsCell.OPS.size();
            double[] x = new double[2 * NB301_EDGES * ops];
            for (int c = 0; c < 2; c++) {
                DartsCell cell = a.cell(c);
                for (int e = 0; e < DartsCell.EDGES; e++) {
                    int edge = DartsCell.nb301Edge(cell.input(e), DartsCell.node(e));
                    x[(c * NB301_EDGES + edge) * ops + cell.op(e)] = 1;
                }
            }
            return x;
        }

        @Override
        public List<String> featureNames() {
            List<String> names = new ArrayList<>();
            for (String cell : DartsForms.CELL_NAMES) {
                for (int i = 0; i < NB301_EDGES; i++) {
                    for (String op : DartsCell.OPS) {
                        names.add(cell + "_edge" + i + "=" + op);
                    }
                }
            }
            return names;
        }
    }

    /**
     * The one-hot followed by per-cell statistics that trees cannot add up from bits on a few hundred cells: how
     * many edges carry each op, the depth (longest chain of intermediate nodes), how many edges read a cell input,
     * and the approximate parameter count; 196 + 2 x 10 = 216 features.
     */
    static final class OneHotStats implements Encoder {
        private final OneHot oneHot = new OneHot();

        @Override
        public String name() {
            return "onehot-stats";
        }

        @Override
        public double[] encode(Architecture architecture) {
            DartsArchitecture a = pair(architecture);
            double[] bits = oneHot.encode(a);
            int ops = DartsCell.OPS.size();
            double[] x = java.util.Arrays.copyOf(bits, bits.length + 2 * (ops + 3));
            int at = bits.length;
            for (int c = 0; c < 2; c++) {
                DartsCell cell = a.cell(c);
                for (int op = 0; op < ops; op++) {
                    x[at++] = cell.count(op);
                }
                x[at++] = cell.depth();
                int fromInputs = 0;
                for (int e = 0; e < DartsCell.EDGES; e++) {
                    fromInputs += cell.input(e) < DartsCell.FIRST_NODE ? 1 : 0;
                }
                x[at++] = fromInputs;
                x[at++] = parameters(cell, c == 1);
            }
            return x;
        }

        @Override
        public List<String> featureNames() {
            List<String> names = new ArrayList<>(oneHot.featureNames());
            for (String cell : DartsForms.CELL_NAMES) {
                for (String op : DartsCell.OPS) {
                    names.add(cell + "_count_" + op);
                }
                names.add(cell + "_depth");
                names.add(cell + "_edges_from_inputs");
                names.add(cell + "_parameters");
            }
            return names;
        }
    }
}
