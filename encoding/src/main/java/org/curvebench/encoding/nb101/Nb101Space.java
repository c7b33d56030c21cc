package org.curvebench.encoding.nb101;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.curvebench.core.CellGraph;
import org.curvebench.core.GraphSchema;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.Encoder;
import org.curvebench.encoding.InvalidArchitectureException;
import org.curvebench.encoding.SearchSpace;

/**
 * The NAS-Bench-101 cell space (423,624 unique cells). Architectures are written
 * {@code {"adjacency": [[0,1,...],...], "ops": ["input", "conv3x3-bn-relu", ..., "output"]}}, the ops as names or as
 * NAS-Bench-101's integer labels (-1 input, -2 output, 0 conv3x3-bn-relu, 1 conv1x1-bn-relu, 2 maxpool3x3).
 *
 * <p>Encoders: {@code x11} (the default; NAS-Bench-x11's 21 edges and 5 op codes), {@code onehot} (NASLib's
 * adjacency one-hot, 36 features) and {@code path} (BANANAS path encoding, 364 features). All three first pad a
 * cell with fewer than 7 vertices to 7 the way NAS-Bench-x11 does ({@link Nb101Padding}).
 *
 * <p>A cell's graph is its pruned cell: one node per vertex labelled with its operation ({@link #NODE_LABELS}),
 * unlabelled edges, at most 7 nodes. {@link #sample} draws as NAS-Bench-101's random sampler does and
 * {@link #neighbours} changes one interior operation or flips one edge of the pruned cell.
 */
public final class Nb101Space implements SearchSpace {

    public static final String NAME = "nb101";

    /** Budgets (epochs) whose mean final validation accuracy the {@link #x11Encoder(Map)} variant appends. */
    public static final List<Integer> X11_BUDGETS = List.of(4, 12, 36, 108);

    /** Node labels of the cell graphs, in the order of their indices. */
    public static final List<String> NODE_LABELS = List.of(Nb101Cell.INPUT, Nb101Cell.CONV1X1, Nb101Cell.CONV3X3,
            Nb101Cell.MAXPOOL3X3, Nb101Cell.OUTPUT);

    private static final GraphSchema SCHEMA = new GraphSchema(NODE_LABELS, List.of(), Nb101Cell.MAX_VERTICES);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "NAS-Bench-101 cells, \"arch\": {\"adjacency\": [[0,1,...],...], \"ops\": [\"input\", "
                + "\"conv3x3-bn-relu\", ..., \"output\"]} (ops may be labels -1, -2, 0, 1, 2)";
    }

    @Override
    public Nb101Cell parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidArchitectureException("space 'nb101' expects an object {\"adjacency\": [[...]], \"ops\": "
                    + "[...]}, got " + json);
        }
        JsonNode adjacency = json.get("adjacency");
        JsonNode ops = json.get("ops");
        if (adjacency == null || !adjacency.isArray()) {
            throw new InvalidArchitectureException("an nb101 cell needs \"adjacency\", an array of rows of 0/1, got "
                    + adjacency);
        }
        if (ops == null || !ops.isArray()) {
            throw new InvalidArchitectureException("an nb101 cell needs \"ops\", an array of operation names or "
                    + "labels, got " + ops);
        }
        int[][] matrix = new int[adjacency.size()][];
        for (int i = 0; i < matrix.length; i++) {
            JsonNode row = adjacency.get(i);
            if (!row.isArray()) {
                throw new InvalidArchitectureException("row " + i + " of \"adjacency\" is not an array: " + row);
            }
            matrix[i] = new int[row.size()];
            for (int j = 0; j < row.size(); j++) {
                JsonNode e = row.get(j);
                if (!e.isIntegralNumber() && !e.isBoolean()) {
                    throw new InvalidArchitectureException("adjacency entry [" + i + "][" + j
                            + "] must be 0 or 1, got " + e);
                }
                matrix[i][j] = e.isBoolean() ? (e.booleanValue() ? 1 : 0) : e.intValue();
            }
        }
        List<String> names = new ArrayList<>(ops.size());
        for (int v = 0; v < ops.size(); v++) {
            JsonNode op = ops.get(v);
            if (op.isTextual()) {
                names.add(op.asText());
            } else if (op.isIntegralNumber()) {
                names.add(Nb101Cell.opOfLabel(op.intValue(), v));
            } else {
                throw new InvalidArchitectureException("op " + v + " must be a name such as \"conv3x3-bn-relu\" or a "
                        + "label -1, -2, 0, 1, 2; got " + op);
            }
        }
        return Nb101Cell.of(matrix, names);
    }

    @Override
    public List<String> encoderNames() {
        return List.of("x11", "onehot", "path");
    }

    @Override
    public Encoder encoder(String name) {
        return switch (name) {
            case "x11" -> new Nb101Encoders.X11(null);
            case "onehot" -> new Nb101Encoders.OneHot();
            case "path" -> new Nb101Encoders.Paths();
            case Nb101Encoders.X11_LC -> throw new IllegalArgumentException("encoder '" + Nb101Encoders.X11_LC
                    + "' needs the cells' accuracies; create it with Nb101Space.x11Encoder(accuracies)");
            default -> throw new IllegalArgumentException(
                    "space 'nb101' has no encoder '" + name + "'; available: " + encoderNames());
        };
    }

    /**
     * NAS-Bench-x11's encoding with its learning-curve feature: the 26 {@code x11} values followed by the mean
     * final validation accuracy at budgets 4, 12, 36 and 108 epochs, looked up by module hash in
     * {@code accuracies} (30 values). Named {@code x11-lc}; encoding a cell missing from the map fails.
     */
    public static Encoder x11Encoder(Map<String, double[]> accuracies) {
        return new Nb101Encoders.X11(accuracies);
    }

    @Override
    public Optional<GraphSchema> graphSchema() {
        return Optional.of(SCHEMA);
    }

    /** The pruned cell: vertices as nodes labelled with their operation, edges row by row of the matrix. */
    @Override
    public Optional<CellGraph> graph(Architecture architecture) {
        Nb101Cell c = cell(architecture);
        int n = c.vertices();
        int[] labels = new int[n];
        for (int v = 0; v < n; v++) {
            labels[v] = NODE_LABELS.indexOf(c.ops().get(v));
        }
        int[] from = new int[c.edges()];
        int[] to = new int[from.length];
        int e = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (c.edge(i, j)) {
                    from[e] = i;
                    to[e++] = j;
                }
            }
        }
        return Optional.of(CellGraph.of(SCHEMA, labels, from, to, null));
    }

    /**
     * NAS-Bench-101's random sampler: each of the 21 upper-triangle entries of a 7-vertex matrix is an edge with
     * probability one half and each of the 5 interior vertices takes one of the three operations uniformly; specs
     * that are not valid (input not connected to output, more than 9 edges after pruning) are drawn again. The
     * result is the pruned cell, so the draw is not uniform over the 423,624 cells.
     */
    @Override
    public Nb101Cell sample(RandomGenerator random) {
        int n = Nb101Cell.MAX_VERTICES;
        while (true) {
            int[][] m = new int[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    m[i][j] = random.nextBoolean() ? 1 : 0;
                }
            }
            List<String> ops = new ArrayList<>(n);
            ops.add(Nb101Cell.INPUT);
            for (int v = 1; v < n - 1; v++) {
                ops.add(Nb101Cell.OPS.get(random.nextInt(Nb101Cell.OPS.size())));
            }
            ops.add(Nb101Cell.OUTPUT);
            try {
                return Nb101Cell.of(m, ops);
            } catch (InvalidArchitectureException invalid) {
                // not a valid spec: NAS-Bench-101's sampler draws again
            }
        }
    }

    /**
     * The cells one edit away from the pruned cell: each interior vertex with each other operation, then each
     * vertex pair {@code i < j} with its edge added or removed; edge flips are pruned again and kept when valid
     * (connected, at most 9 edges). Results isomorphic to the cell or to an earlier result (same module hash)
     * are left out. An edit never adds a vertex (a new vertex needs two edges), but removing an edge may drop
     * vertices that no longer lie on an input-to-output path.
     */
    @Override
    public List<Architecture> neighbours(Architecture architecture) {
        Nb101Cell c = cell(architecture);
        int n = c.vertices();
        int[][] m = c.adjacency();
        Set<String> seen = new HashSet<>();
        seen.add(c.canonicalKey());
        List<Architecture> out = new ArrayList<>();
        for (int v = 1; v < n - 1; v++) {
            for (String op : Nb101Cell.OPS) {
                if (!op.equals(c.ops().get(v))) {
                    List<String> ops = new ArrayList<>(c.ops());
                    ops.set(v, op);
                    addNew(Nb101Cell.of(m, ops), seen, out);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int[][] flipped = c.adjacency();
                flipped[i][j] = 1 - flipped[i][j];
                try {
                    addNew(Nb101Cell.of(flipped, c.ops()), seen, out);
                } catch (InvalidArchitectureException invalid) {
                    // disconnects the output or exceeds 9 edges: not a cell of the space
                }
            }
        }
        return out;
    }

    private static void addNew(Nb101Cell cell, Set<String> seen, List<Architecture> out) {
        if (seen.add(cell.canonicalKey())) {
            out.add(cell);
        }
    }

    static Nb101Cell cell(Architecture a) {
        if (a instanceof Nb101Cell c) {
            return c;
        }
        throw new InvalidArchitectureException("not a NAS-Bench-101 cell: " + a);
    }
}
