package org.curvebench.encoding.nb201;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.curvebench.core.CellGraph;
import org.curvebench.core.GraphSchema;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.Encoder;
import org.curvebench.encoding.InvalidArchitectureException;
import org.curvebench.encoding.SearchSpace;

/**
 * The NAS-Bench-201 cell space (15,625 cells). Architectures are written as NAS-Bench-201 strings. Encoders:
 * {@code onehot-paths} (the default: the one-hot edges plus which input-to-output paths carry no {@code none}
 * edge, so that trees see at once whether a cell is connected), {@code onehot} (6 edges x 5 ops) and
 * {@code x11} (NAS-Bench-x11's six categorical op codes).
 *
 * <p>Cell graphs put the operations on the edges: nodes 0 ({@code input}), 1 and 2 ({@code intermediate}) and 3
 * ({@code output}), and the six edges in cell order, each labelled with its operation, {@code none} included: the
 * graph then has the same shape for every cell, as the space's encoders do, and a {@code none} edge is a choice
 * of the cell (a zeroed connection) rather than a missing one.
 */
public final class Nb201Space implements SearchSpace {

    public static final String NAME = "nb201";

    /** NAS-Bench-x11's op order for its categorical NB201 encoding. */
    static final List<String> X11_OPS =
            List.of("avg_pool_3x3", "nor_conv_1x1", "nor_conv_3x3", "none", "skip_connect");

    /** Node labels of the cell graphs: node 0 is the input, 1 and 2 intermediate, 3 the output. */
    public static final List<String> NODE_LABELS = List.of("input", "intermediate", "output");

    private static final GraphSchema SCHEMA = new GraphSchema(NODE_LABELS, Nb201Cell.OPS, 4);
    private static final int[] GRAPH_NODES = {0, 1, 1, 2};
    private static final int[] EDGE_FROM = {0, 0, 1, 0, 1, 2};
    private static final int[] EDGE_TO = {1, 2, 2, 3, 3, 3};

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "NAS-Bench-201 cells as strings, \"arch\": \"|nor_conv_3x3~0|+|none~0|skip_connect~1|+|...|\"";
    }

    @Override
    public Architecture parse(JsonNode json) {
        if (json == null || !json.isTextual()) {
            throw new InvalidArchitectureException(
                    "space 'nb201' expects a NAS-Bench-201 string such as |nor_conv_3x3~0|+|none~0|skip_connect~1|+|"
                            + "avg_pool_3x3~0|nor_conv_1x1~1|none~2|, got " + json);
        }
        return parse(json.asText());
    }

    /** Parses and validates a NAS-Bench-201 string. */
    public Nb201Cell parse(String text) {
        Nb201Cell quick = parseCanonical(text);
        return quick != null ? quick : parseAnyOrder(text);
    }

    /**
     * The cell of a string written as NAS-Bench-201 writes it (each node's inputs in order, no spaces), read in
     * one pass without splitting; null for anything else, which {@link #parseAnyOrder} reads or rejects.
     */
    private static Nb201Cell parseCanonical(String s) {
        int[] ops = new int[Nb201Cell.EDGES];
        int at = 0;
        int n = s.length();
        int edge = 0;
        for (int node = 1; node <= 3; node++) {
            if (node > 1) {
                if (at >= n || s.charAt(at++) != '+') {
                    return null;
                }
            }
            if (at >= n || s.charAt(at++) != '|') {
                return null;
            }
            for (int input = 0; input < node; input++) {
                int op = -1;
                for (int o = 0; o < Nb201Cell.OPS.size(); o++) {
                    String name = Nb201Cell.OPS.get(o);
                    if (s.startsWith(name, at) && at + name.length() < n && s.charAt(at + name.length()) == '~') {
                        op = o;
                        at += name.length() + 1;
                        break;
                    }
                }
                if (op < 0 || at + 1 >= n || s.charAt(at) != (char) ('0' + input) || s.charAt(at + 1) != '|') {
                    return null;
                }
                at += 2;
                ops[edge++] = op;
            }
        }
        return at == n ? new Nb201Cell(ops) : null;
    }

    /** Parses a NAS-Bench-201 string with each node's inputs in any order, or fails naming what is wrong. */
    private Nb201Cell parseAnyOrder(String text) {
        String s = text.strip();
        String[] nodes = s.split("\\+", -1);
        if (nodes.length != 3) {
            throw invalid(text, "expected 3 nodes separated by '+', found " + nodes.length);
        }
        int[] ops = new int[Nb201Cell.EDGES];
        int edgeBase = 0;
        for (int node = 1; node <= 3; node++) {
            String group = nodes[node - 1];
            if (!group.startsWith("|") || !group.endsWith("|") || group.length() < 2) {
                throw invalid(text, "node " + node + " must be written between '|' characters: '" + group + "'");
            }
            String[] tokens = group.substring(1, group.length() - 1).split("\\|", -1);
            if (tokens.length != node) {
                throw invalid(text, "node " + node + " needs " + node + " incoming edge(s), found " + tokens.length);
            }
            boolean[] seen = new boolean[node];
            for (String token : tokens) {
                int tilde = token.indexOf('~');
                if (tilde < 0) {
                    throw invalid(text, "edge '" + token + "' of node " + node + " must be written op~input");
                }
                String op = token.substring(0, tilde);
                int opIndex = Nb201Cell.OPS.indexOf(op);
                if (opIndex < 0) {
                    throw invalid(text, "unknown operation '" + op + "' on node " + node + "; known: " + Nb201Cell.OPS);
                }
                int input;
                try {
                    input = Integer.parseInt(token.substring(tilde + 1));
                } catch (NumberFormatException e) {
                    throw invalid(text, "edge '" + token + "' of node " + node + " has a non-numeric input");
                }
                if (input < 0 || input >= node) {
                    throw invalid(text, "node " + node + " can take input only from nodes 0.." + (node - 1)
                            + ", edge '" + token + "'");
                }
                if (seen[input]) {
                    throw invalid(text, "node " + node + " has two edges from node " + input);
                }
                seen[input] = true;
                ops[edgeBase + input] = opIndex;
            }
            edgeBase += node;
        }
        return new Nb201Cell(ops);
    }

    @Override
    public Optional<GraphSchema> graphSchema() {
        return Optional.of(SCHEMA);
    }

    /** Four nodes and six edges labelled with their operations, in the order of the NAS-Bench-201 string. */
    @Override
    public Optional<CellGraph> graph(Architecture architecture) {
        Nb201Cell c = cell(architecture);
        int[] labels = new int[Nb201Cell.EDGES];
        for (int e = 0; e < labels.length; e++) {
            labels[e] = c.op(e);
        }
        return Optional.of(CellGraph.of(SCHEMA, GRAPH_NODES, EDGE_FROM, EDGE_TO, labels));
    }

    /** A cell drawn uniformly from the 15,625. */
    @Override
    public Nb201Cell sample(RandomGenerator random) {
        return Nb201Cell.ofIndex(random.nextInt(Nb201Cell.CELLS));
    }

    /** The 24 cells that differ from this one on exactly one edge, by edge and then by operation. */
    @Override
    public List<Architecture> neighbours(Architecture architecture) {
        Nb201Cell c = cell(architecture);
        List<Architecture> out = new ArrayList<>(Nb201Cell.EDGES * (Nb201Cell.OPS.size() - 1));
        int[] ops = new int[Nb201Cell.EDGES];
        for (int e = 0; e < Nb201Cell.EDGES; e++) {
            ops[e] = c.op(e);
        }
        for (int e = 0; e < Nb201Cell.EDGES; e++) {
            for (int op = 0; op < Nb201Cell.OPS.size(); op++) {
                if (op != c.op(e)) {
                    int[] changed = ops.clone();
                    changed[e] = op;
                    out.add(new Nb201Cell(changed));
                }
            }
        }
        return out;
    }

    private static InvalidArchitectureException invalid(String text, String why) {
        return new InvalidArchitectureException("invalid NAS-Bench-201 string '" + text + "': " + why);
    }

    @Override
    public List<String> encoderNames() {
        return List.of("onehot-paths", "onehot", "x11");
    }

    @Override
    public Encoder encoder(String name) {
        return switch (name) {
            case "onehot" -> new OneHot();
            case "onehot-paths" -> new OneHotWithPaths();
            case "x11" -> new X11Categorical();
            default -> throw new IllegalArgumentException(
                    "space 'nb201' has no encoder '" + name + "'; available: " + encoderNames());
        };
    }

    private static Nb201Cell cell(Architecture a) {
        if (a instanceof Nb201Cell c) {
            return c;
        }
        throw new InvalidArchitectureException("not a NAS-Bench-201 cell: " + a);
    }

    /** One-hot of the operation on each of the six edges: 30 features. */
    private static final class OneHot implements Encoder {
        @Override
        public String name() {
            return "onehot";
        }

        @Override
        public double[] encode(Architecture architecture) {
            Nb201Cell c = cell(architecture);
            double[] x = new double[Nb201Cell.EDGES * Nb201Cell.OPS.size()];
            for (int e = 0; e < Nb201Cell.EDGES; e++) {
                x[e * Nb201Cell.OPS.size() + c.op(e)] = 1.0;
            }
            return x;
        }

        @Override
        public List<String> featureNames() {
            List<String> names = new ArrayList<>();
            for (int e = 0; e < Nb201Cell.EDGES; e++) {
                for (String op : Nb201Cell.OPS) {
                    names.add("edge" + e + "=" + op);
                }
            }
            return names;
        }
    }

    /** The four input-to-output paths of a cell, as edge indices. */
    private static final int[][] PATHS = {{3}, {0, 4}, {1, 5}, {0, 2, 5}};

    /** One-hot edges, then one indicator per input-to-output path that has no {@code none} edge, then their count. */
    private static final class OneHotWithPaths implements Encoder {
        private final OneHot edges = new OneHot();

        @Override
        public String name() {
            return "onehot-paths";
        }

        @Override
        public double[] encode(Architecture architecture) {
            Nb201Cell c = cell(architecture);
            double[] oneHot = edges.encode(c);
            double[] x = java.util.Arrays.copyOf(oneHot, oneHot.length + PATHS.length + 1);
            int open = 0;
            for (int p = 0; p < PATHS.length; p++) {
                boolean isOpen = true;
                for (int e : PATHS[p]) {
                    isOpen &= !c.opName(e).equals("none");
                }
                if (isOpen) {
                    x[oneHot.length + p] = 1;
                    open++;
                }
            }
            x[x.length - 1] = open;
            return x;
        }

        @Override
        public List<String> featureNames() {
            List<String> names = new ArrayList<>(edges.featureNames());
            names.addAll(List.of("path0-3", "path0-1-3", "path0-2-3", "path0-1-2-3", "open_paths"));
            return names;
        }
    }

    /** NAS-Bench-x11's encoding: the op of each edge as an integer code. */
    private static final class X11Categorical implements Encoder {
        @Override
        public String name() {
            return "x11";
        }

        @Override
        public double[] encode(Architecture architecture) {
            Nb201Cell c = cell(architecture);
            double[] x = new double[Nb201Cell.EDGES];
            for (int e = 0; e < Nb201Cell.EDGES; e++) {
                x[e] = X11_OPS.indexOf(c.opName(e));
            }
            return x;
        }

        @Override
        public List<String> featureNames() {
            List<String> names = new ArrayList<>();
            for (int e = 0; e < Nb201Cell.EDGES; e++) {
                names.add("edge" + e);
            }
            return names;
        }
    }
}
