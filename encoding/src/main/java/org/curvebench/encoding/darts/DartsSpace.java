package org.curvebench.encoding.darts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * The DARTS space of cell pairs (about 10^18), NAS-Bench-301's and NAS-Bench-x11's NB311 space. An architecture is
 * written in any of the forms users have (NASLib's compact form, a DARTS {@code Genotype(...)} string, or a
 * NAS-Bench-301 configuration), all read to the same {@link DartsArchitecture} ({@link DartsForms}). Encoders:
 * {@code onehot-stats} (the default, by measurement; README), {@code onehot} and {@code x11} (NAS-Bench-301's
 * ConfigSpace array, NAS-Bench-x11's NB311 input).
 *
 * <p>The cell graph is NAS-Bench-301's GIN graph: per cell the two inputs, the four intermediate nodes and an output
 * node (nodes 0-6 for the normal cell, 7-13 for the reduce cell), an edge per chosen input labelled with its op, and
 * an {@code identity} edge from each intermediate node to the output (the concatenation).
 */
public final class DartsSpace implements SearchSpace {

    public static final String NAME = "darts";

    /** Node labels of the cell graphs, NAS-Bench-301's. */
    public static final List<String> NODE_LABELS = List.of("input_0", "input_1", "inter_node", "output");
    /** Edge labels: {@code identity} (intermediate node to output), then the ops in {@link DartsCell#OPS} order. */
    public static final List<String> EDGE_LABELS = edgeLabels();
    /** Nodes of one cell in the graph. */
    public static final int CELL_GRAPH_NODES = DartsCell.FIRST_NODE + DartsCell.NODES + 1;

    private static final GraphSchema SCHEMA = new GraphSchema(NODE_LABELS, EDGE_LABELS, 2 * CELL_GRAPH_NODES);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> edgeLabels() {
        List<String> labels = new ArrayList<>();
        labels.add("identity");
        labels.addAll(DartsCell.OPS);
        return List.copyOf(labels);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "DARTS cell pairs: NASLib's compact form [[[input, op] x 8], [[input, op] x 8]], a DARTS "
                + "\"Genotype(normal=[('sep_conv_3x3', 0), ...], ...)\" string or a NAS-Bench-301 configuration object";
    }

    @Override
    public DartsArchitecture parse(JsonNode json) {
        return config(json).architecture();
    }

    /** The cell pair and, for a NAS-Bench-301 configuration, its training hyperparameters. */
    public DartsForms.Config config(JsonNode json) {
        JsonNode node = json;
        if (node != null && node.isTextual()) {
            String text = node.asText().strip();
            if (text.startsWith("[") || text.startsWith("{")) {
                try {
                    node = JSON.readTree(text);
                } catch (JsonProcessingException e) {
                    throw new InvalidArchitectureException("invalid DARTS cell pair: the string is not valid JSON: "
                            + e.getOriginalMessage());
                }
            }
        }
        return DartsForms.read(node);
    }

    @Override
    public List<String> encoderNames() {
        return List.of("onehot-stats", "onehot", "x11");
    }

    @Override
    public Encoder encoder(String name) {
        return switch (name) {
            case "onehot-stats" -> new DartsEncoders.OneHotStats();
            case "onehot" -> new DartsEncoders.OneHot();
            case "x11" -> new DartsEncoders.X11();
            default -> throw new IllegalArgumentException(
                    "space 'darts' has no encoder '" + name + "'; available: " + encoderNames());
        };
    }

    @Override
    public Optional<GraphSchema> graphSchema() {
        return Optional.of(SCHEMA);
    }

    /** Both cells' graphs in one: 14 nodes, per cell 8 op edges (in canonical edge order) and 4 identity edges. */
    @Override
    public Optional<CellGraph> graph(Architecture architecture) {
        DartsArchitecture a = DartsEncoders.pair(architecture);
        int[] nodes = new int[2 * CELL_GRAPH_NODES];
        int perCell = DartsCell.EDGES + DartsCell.NODES;
        int[] from = new int[2 * perCell];
        int[] to = new int[2 * perCell];
        int[] labels = new int[2 * perCell];
        int edge = 0;
        for (int c = 0; c < 2; c++) {
            int base = c * CELL_GRAPH_NODES;
            int output = base + CELL_GRAPH_NODES - 1;
            nodes[base] = 0;
            nodes[base + 1] = 1;
            for (int k = 0; k < DartsCell.NODES; k++) {
                nodes[base + DartsCell.FIRST_NODE + k] = 2;
            }
            nodes[output] = 3;
            DartsCell cell = a.cell(c);
            for (int e = 0; e < DartsCell.EDGES; e++) {
                from[edge] = base + cell.input(e);
                to[edge] = base + DartsCell.node(e);
                labels[edge++] = 1 + cell.op(e);
            }
            for (int k = 0; k < DartsCell.NODES; k++) {
                from[edge] = base + DartsCell.FIRST_NODE + k;
                to[edge] = output;
                labels[edge++] = 0;
            }
        }
        return Optional.of(CellGraph.of(SCHEMA, nodes, from, to, labels));
    }

    /**
     * A cell pair drawn as DARTS' and NASLib's random sampler draws it: for each node of each cell, two distinct
     * earlier nodes uniformly and an op for each uniformly (uniform over NAS-Bench-301's configuration space).
     */
    @Override
    public DartsArchitecture sample(RandomGenerator random) {
        DartsCell[] cells = new DartsCell[2];
        for (int c = 0; c < 2; c++) {
            int[] inputs = new int[DartsCell.EDGES];
            int[] ops = new int[DartsCell.EDGES];
            for (int k = 0; k < DartsCell.NODES; k++) {
                int node = DartsCell.FIRST_NODE + k;
                int a = random.nextInt(node);
                int b = random.nextInt(node - 1);
                if (b >= a) {
                    b++;
                }
                inputs[2 * k] = a;
                inputs[2 * k + 1] = b;
                ops[2 * k] = random.nextInt(DartsCell.OPS.size());
                ops[2 * k + 1] = random.nextInt(DartsCell.OPS.size());
            }
            cells[c] = DartsCell.ofChecked(inputs, ops);
        }
        return new DartsArchitecture(cells[0], cells[1]);
    }

    /**
     * The 120 cell pairs one edit away, as NASLib's DARTS neighbourhood: per cell and edge, each other op (96), then
     * per cell and edge each other input the node does not already take (24); normal cell first.
     */
    @Override
    public List<Architecture> neighbours(Architecture architecture) {
        DartsArchitecture a = DartsEncoders.pair(architecture);
        List<Architecture> out = new ArrayList<>(120);
        for (int c = 0; c < 2; c++) {
            DartsCell cell = a.cell(c);
            for (int e = 0; e < DartsCell.EDGES; e++) {
                for (int op = 0; op < DartsCell.OPS.size(); op++) {
                    if (op != cell.op(e)) {
                        out.add(replace(a, c, cell.with(e, cell.input(e), op)));
                    }
                }
            }
        }
        for (int c = 0; c < 2; c++) {
            DartsCell cell = a.cell(c);
            for (int e = 0; e < DartsCell.EDGES; e++) {
                int other = cell.input(e ^ 1);
                for (int input = 0; input < DartsCell.node(e); input++) {
                    if (input != cell.input(e) && input != other) {
                        out.add(replace(a, c, cell.with(e, input, cell.op(e))));
                    }
                }
            }
        }
        return out;
    }

    private static DartsArchitecture replace(DartsArchitecture a, int cell, DartsCell changed) {
        return cell == 0 ? new DartsArchitecture(changed, a.reduce()) : new DartsArchitecture(a.normal(), changed);
    }
}
