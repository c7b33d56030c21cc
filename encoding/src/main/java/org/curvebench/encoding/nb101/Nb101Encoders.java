package org.curvebench.encoding.nb101;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.Encoder;

/** The encoders of {@link Nb101Space}; each reads the 7-vertex padded form of a cell. */
final class Nb101Encoders {

    static final String X11_LC = "x11-lc";

    /** Number of edges in the upper triangle of the 7x7 matrix. */
    static final int EDGE_SLOTS = Nb101Padding.N * (Nb101Padding.N - 1) / 2;
    /** Interior vertices of the padded cell. */
    static final int OP_SPOTS = Nb101Padding.N - 2;
    /** Paths of 0..5 interior ops over 3 ops: 3^0 + ... + 3^5. */
    static final int PATHS = 364;

    private Nb101Encoders() {
    }

    private static int fillEdges(Nb101Padding p, double[] x) {
        int k = 0;
        for (int i = 0; i < Nb101Padding.N - 1; i++) {
            for (int j = i + 1; j < Nb101Padding.N; j++) {
                x[k++] = p.matrix()[i][j] ? 1 : 0;
            }
        }
        return k;
    }

    private static List<String> edgeNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < Nb101Padding.N - 1; i++) {
            for (int j = i + 1; j < Nb101Padding.N; j++) {
                names.add("edge" + i + "-" + j);
            }
        }
        return names;
    }

    /**
     * NAS-Bench-x11's {@code encode_adj}: 21 edge bits, then per interior vertex 0.0 for conv1x1-bn-relu, 0.5 for
     * conv3x3-bn-relu, 1.0 for maxpool3x3; with accuracies, four more values (see {@link Nb101Space#x11Encoder}).
     */
    static final class X11 implements Encoder {
        private final Map<String, double[]> accuracies;

        X11(Map<String, double[]> accuracies) {
            if (accuracies == null) {
                this.accuracies = null;
                return;
            }
            Map<String, double[]> copy = new HashMap<>();
            accuracies.forEach((hash, acc) -> {
                if (acc.length != Nb101Space.X11_BUDGETS.size()) {
                    throw new IllegalArgumentException("accuracies of " + hash + " must hold 4 values, at budgets "
                            + Nb101Space.X11_BUDGETS + ", got " + acc.length);
                }
                copy.put(hash, acc.clone());
            });
            this.accuracies = copy;
        }

        @Override
        public String name() {
            return accuracies == null ? "x11" : X11_LC;
        }

        @Override
        public double[] encode(Architecture architecture) {
            Nb101Cell cell = Nb101Space.cell(architecture);
            Nb101Padding p = Nb101Padding.of(cell);
            int extra = accuracies == null ? 0 : Nb101Space.X11_BUDGETS.size();
            double[] x = new double[EDGE_SLOTS + OP_SPOTS + extra];
            int k = fillEdges(p, x);
            for (int v = 1; v <= OP_SPOTS; v++) {
                x[k++] = switch (p.ops()[v]) {
                    case Nb101Cell.CONV1X1 -> 0.0;
                    case Nb101Cell.CONV3X3 -> 0.5;
                    default -> 1.0;
                };
            }
            if (accuracies != null) {
                double[] acc = accuracies.get(cell.canonicalKey());
                if (acc == null) {
                    throw new IllegalArgumentException("encoder 'x11-lc' has no accuracies for cell "
                            + cell.canonicalKey() + "; include every encoded cell in the accuracies map");
                }
                System.arraycopy(acc, 0, x, k, acc.length);
            }
            return x;
        }

        @Override
        public List<String> featureNames() {
            List<String> names = edgeNames();
            for (int v = 1; v <= OP_SPOTS; v++) {
                names.add("op" + v);
            }
            if (accuracies != null) {
                Nb101Space.X11_BUDGETS.forEach(b -> names.add("val_acc@" + b));
            }
            return names;
        }
    }

    /**
     * NASLib's adjacency one-hot: 21 edge bits, then per interior vertex three bits in NASLib's column order
     * (maxpool3x3, conv3x3-bn-relu, conv1x1-bn-relu); 36 features.
     */
    static final class OneHot implements Encoder {
        private static final List<String> COLUMNS = List.of(Nb101Cell.MAXPOOL3X3, Nb101Cell.CONV3X3, Nb101Cell.CONV1X1);

        @Override
        public String name() {
            return "onehot";
        }

        @Override
        public double[] encode(Architecture architecture) {
            Nb101Padding p = Nb101Padding.of(Nb101Space.cell(architecture));
            double[] x = new double[EDGE_SLOTS + OP_SPOTS * COLUMNS.size()];
            int k = fillEdges(p, x);
            for (int v = 1; v <= OP_SPOTS; v++) {
                x[k + (v - 1) * COLUMNS.size() + COLUMNS.indexOf(p.ops()[v])] = 1.0;
            }
            return x;
        }

        @Override
        public List<String> featureNames() {
            List<String> names = edgeNames();
            for (int v = 1; v <= OP_SPOTS; v++) {
                for (String op : COLUMNS) {
                    names.add("op" + v + "=" + op);
                }
            }
            return names;
        }
    }

    /**
     * BANANAS path encoding: one bit per possible input-to-output path, a path identified by its sequence of
     * interior ops (0 to 5 of them); path index = sum over positions i of 3^i * (op label + 1), labels as in
     * {@link Nb101Cell#OPS}. 364 features.
     */
    static final class Paths implements Encoder {
        @Override
        public String name() {
            return "path";
        }

        @Override
        public double[] encode(Architecture architecture) {
            Nb101Padding p = Nb101Padding.of(Nb101Space.cell(architecture));
            int n = Nb101Padding.N;
            List<List<Integer>> indices = new ArrayList<>(n);
            List<List<Integer>> lengths = new ArrayList<>(n);
            for (int v = 0; v < n; v++) {
                indices.add(new ArrayList<>());
                lengths.add(new ArrayList<>());
            }
            indices.get(0).add(0);
            lengths.get(0).add(0);
            double[] x = new double[PATHS];
            for (int i = 0; i < n - 1; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (!p.matrix()[i][j]) {
                        continue;
                    }
                    for (int k = 0; k < indices.get(i).size(); k++) {
                        int index = indices.get(i).get(k);
                        int length = lengths.get(i).get(k);
                        if (i > 0) {
                            index += pow3(length) * (Nb101Cell.OPS.indexOf(p.ops()[i]) + 1);
                            length++;
                        }
                        indices.get(j).add(index);
                        lengths.get(j).add(length);
                    }
                }
            }
            for (int index : indices.get(n - 1)) {
                x[index] = 1.0;
            }
            return x;
        }

        private static int pow3(int e) {
            int r = 1;
            for (int i = 0; i < e; i++) {
                r *= 3;
            }
            return r;
        }

        @Override
        public List<String> featureNames() {
            List<String> names = new ArrayList<>(PATHS);
            for (int index = 0; index < PATHS; index++) {
                StringBuilder sb = new StringBuilder("path=");
                int rest = index;
                String sep = "";
                while (rest > 0) {
                    int digit = (rest - 1) % 3;
                    sb.append(sep).append(Nb101Cell.OPS.get(digit));
                    sep = ">";
                    rest = (rest - 1 - digit) / 3;
                }
                names.add(sb.toString());
            }
            return names;
        }
    }
}
