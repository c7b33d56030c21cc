package org.curvebench.encoding.nb101;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 */
public final class Nb101Space implements SearchSpace {

    public static final String NAME = "nb101";

    /** Budgets (epochs) whose mean final validation accuracy the {@link #x11Encoder(Map)} variant appends. */
    public static final List<Integer> X11_BUDGETS = List.of(4, 12, 36, 108);

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

    static Nb101Cell cell(Architecture a) {
        if (a instanceof Nb101Cell c) {
            return c;
        }
        throw new InvalidArchitectureException("not a NAS-Bench-101 cell: " + a);
    }
}
