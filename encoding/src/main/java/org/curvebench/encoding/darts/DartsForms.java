package org.curvebench.encoding.darts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.curvebench.encoding.InvalidArchitectureException;

/**
 * The three ways DARTS cell pairs are written, read and written back: NASLib's compact form, DARTS' {@code Genotype}
 * string and NAS-Bench-301's configuration dict. Every reader applies the same rules (8 edges per cell, each node
 * fed by two distinct earlier nodes, known operations) and names the cell, node and rule a cell breaks.
 */
public final class DartsForms {

    /** The prefix NAS-Bench-301's configuration space puts before each cell key. */
    public static final String NB301_PREFIX = "NetworkSelectorDatasetInfo:darts:";

    static final List<String> CELL_NAMES = List.of("normal", "reduce");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern TUPLE = Pattern.compile("\\(\\s*(['\"])([^'\"]*)\\1\\s*,\\s*(-?\\d{1,9})\\s*\\)");
    private static final Pattern EDGE_KEY = Pattern.compile("edge_(normal|reduce)_(\\d{1,4})");
    private static final Pattern INPUTS_KEY = Pattern.compile("inputs_node_(normal|reduce)_(\\d{1,4})");

    private DartsForms() {
    }

    /** A cell pair with the training hyperparameters of a NAS-Bench-301 configuration (empty for other forms). */
    public record Config(DartsArchitecture architecture, Map<String, JsonNode> hyperparameters) {
        public Config {
            hyperparameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
        }
    }

    /** Reads any of the three forms: an array (compact), a string (genotype) or an object (configuration). */
    public static Config read(JsonNode json) {
        if (json == null || json.isNull() || json.isMissingNode()) {
            throw invalid("expected a DARTS cell pair, got nothing");
        }
        if (json.isArray()) {
            return new Config(readCompact(json), Map.of());
        }
        if (json.isTextual()) {
            return new Config(readGenotype(json.asText()), Map.of());
        }
        if (json.isObject()) {
            return readConfig(json);
        }
        throw invalid("expected NASLib's compact form [[[input, op], x 8], [[input, op], x 8]], a Genotype(...) "
                + "string or a NAS-Bench-301 configuration object, got " + json);
    }

    /** NASLib's compact form {@code [[[input, op] x 8] (normal), [[input, op] x 8] (reduce)]}, ops as indices or names. */
    public static DartsArchitecture readCompact(JsonNode json) {
        if (!json.isArray() || json.size() != 2) {
            throw invalid("the compact form holds 2 cells (normal, reduce), found "
                    + (json.isArray() ? json.size() : "no array"));
        }
        DartsCell[] cells = new DartsCell[2];
        for (int c = 0; c < 2; c++) {
            String cell = CELL_NAMES.get(c);
            JsonNode edges = json.get(c);
            if (!edges.isArray() || edges.size() != DartsCell.EDGES) {
                throw invalid(cell + " cell: expected 8 edges [input, op] (2 per intermediate node), found "
                        + (edges.isArray() ? edges.size() : edges.toString()));
            }
            int[] inputs = new int[DartsCell.EDGES];
            int[] ops = new int[DartsCell.EDGES];
            for (int e = 0; e < DartsCell.EDGES; e++) {
                JsonNode pair = edges.get(e);
                int node = DartsCell.node(e);
                if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isIntegralNumber()) {
                    throw invalid(cell + " cell, node " + node + ": edge " + e + " must be [input, op] with an "
                            + "integer input, got " + pair);
                }
                inputs[e] = pair.get(0).intValue();
                JsonNode op = pair.get(1);
                if (op.isIntegralNumber()) {
                    ops[e] = op.intValue();
                    if (ops[e] < 0 || ops[e] >= DartsCell.OPS.size()) {
                        throw invalid(cell + " cell, node " + node + ": unknown op index " + ops[e]
                                + " (ops are 0.." + (DartsCell.OPS.size() - 1) + ": " + DartsCell.OPS + ")");
                    }
                } else if (op.isTextual()) {
                    ops[e] = opIndex(op.asText(), cell, node);
                } else {
                    throw invalid(cell + " cell, node " + node + ": op of edge " + e + " must be an index or a name, got "
                            + op);
                }
            }
            cells[c] = cell(cell, inputs, ops);
        }
        return new DartsArchitecture(cells[0], cells[1]);
    }

    /**
     * DARTS' {@code Genotype(normal=[('sep_conv_3x3', 0), ...], normal_concat=[2, 3, 4, 5], reduce=[...],
     * reduce_concat=[2, 3, 4, 5])}, as DARTS, NASLib and NAS-Bench-301 print it ({@code range(2, 6)} accepted).
     */
    public static DartsArchitecture readGenotype(String text) {
        String s = text.strip();
        if (!s.startsWith("Genotype(") || !s.endsWith(")")) {
            throw invalid("a genotype string is written Genotype(normal=[...], normal_concat=[2, 3, 4, 5], "
                    + "reduce=[...], reduce_concat=[2, 3, 4, 5]), got '" + abbreviate(s) + "'");
        }
        DartsCell[] cells = new DartsCell[2];
        for (int c = 0; c < 2; c++) {
            String cell = CELL_NAMES.get(c);
            String list = field(s, cell, "[", "]");
            int[] inputs = new int[DartsCell.EDGES];
            int[] ops = new int[DartsCell.EDGES];
            Matcher m = TUPLE.matcher(list);
            int e = 0;
            int end = 0;
            while (m.find()) {
                if (!list.substring(end, m.start()).replace(",", "").isBlank()) {
                    throw invalid(cell + " cell: unexpected text '" + list.substring(end, m.start()).strip()
                            + "' among the (op, input) pairs");
                }
                if (e < DartsCell.EDGES) {
                    int node = DartsCell.node(e);
                    ops[e] = opIndex(m.group(2), cell, node);
                    inputs[e] = Integer.parseInt(m.group(3));
                }
                e++;
                end = m.end();
            }
            if (!list.substring(end).replace(",", "").isBlank()) {
                throw invalid(cell + " cell: unexpected text '" + list.substring(end).strip()
                        + "' among the (op, input) pairs");
            }
            if (e != DartsCell.EDGES) {
                throw invalid(cell + " cell: expected 8 edges ('op', input) (2 per intermediate node), found " + e);
            }
            cells[c] = cell(cell, inputs, ops);
            checkConcat(s, cell);
        }
        return new DartsArchitecture(cells[0], cells[1]);
    }

    /**
     * A NAS-Bench-301 configuration: keys {@code edge_<cell>_<i>} (0..13, the op of an active edge) and
     * {@code inputs_node_<cell>_<k>} ({@code "a_b"}, the inputs of nodes 3..5), with or without NAS-Bench-301's
     * prefix; any other key is a training hyperparameter, kept in {@link Config#hyperparameters()}.
     */
    public static Config readConfig(JsonNode json) {
        Map<String, JsonNode> hyper = new LinkedHashMap<>();
        String[][] edgeOps = new String[2][14];
        String[][] nodeInputs = new String[2][DartsCell.FIRST_NODE + DartsCell.NODES];
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            String bare = key.substring(key.lastIndexOf(':') + 1);
            Matcher edge = EDGE_KEY.matcher(bare);
            Matcher inputs = INPUTS_KEY.matcher(bare);
            if (edge.matches()) {
                int c = CELL_NAMES.indexOf(edge.group(1));
                int i = Integer.parseInt(edge.group(2));
                if (i > 13) {
                    throw invalid(edge.group(1) + " cell: key '" + key + "' names edge " + i
                            + "; NAS-Bench-301's cells have edges 0..13");
                }
                edgeOps[c][i] = text(field.getValue(), key);
            } else if (inputs.matches()) {
                int c = CELL_NAMES.indexOf(inputs.group(1));
                int k = Integer.parseInt(inputs.group(2));
                if (k < 3 || k > 5) {
                    throw invalid(inputs.group(1) + " cell: key '" + key + "' names node " + k
                            + "; the configuration gives the inputs of nodes 3, 4 and 5 (node 2 always takes 0_1)");
                }
                nodeInputs[c][k] = text(field.getValue(), key);
            } else {
                hyper.put(key, field.getValue());
            }
        }
        DartsCell[] cells = new DartsCell[2];
        for (int c = 0; c < 2; c++) {
            String cell = CELL_NAMES.get(c);
            int[] inputs = new int[DartsCell.EDGES];
            int[] ops = new int[DartsCell.EDGES];
            boolean[] used = new boolean[14];
            for (int k = 0; k < DartsCell.NODES; k++) {
                int node = DartsCell.FIRST_NODE + k;
                int a = 0;
                int b = 1;
                if (node > DartsCell.FIRST_NODE) {
                    String pair = nodeInputs[c][node];
                    if (pair == null) {
                        throw invalid(cell + " cell, node " + node + ": key 'inputs_node_" + cell + "_" + node
                                + "' (its two inputs, e.g. \"0_1\") is missing");
                    }
                    String[] parts = pair.split("_", -1);
                    try {
                        if (parts.length != 2) {
                            throw new NumberFormatException();
                        }
                        a = Integer.parseInt(parts[0]);
                        b = Integer.parseInt(parts[1]);
                    } catch (NumberFormatException ex) {
                        throw invalid(cell + " cell, node " + node + ": inputs_node_" + cell + "_" + node + " must be "
                                + "two node numbers written a_b, got '" + pair + "'");
                    }
                }
                int[] pairInputs = {a, b};
                for (int j = 0; j < 2; j++) {
                    int e = 2 * k + j;
                    inputs[e] = pairInputs[j];
                    checkInput(cell, node, inputs[e]);
                    if (j == 1 && a == b) {
                        throw duplicate(cell, node, a);
                    }
                    int nb = DartsCell.nb301Edge(inputs[e], node);
                    String op = edgeOps[c][nb];
                    if (op == null) {
                        throw invalid(cell + " cell, node " + node + ": key 'edge_" + cell + "_" + nb + "' (the op from"
                                + " node " + inputs[e] + ") is missing, though node " + node + " takes inputs " + a
                                + "_" + b);
                    }
                    used[nb] = true;
                    ops[e] = opIndex(op, cell, node);
                }
            }
            for (int i = 0; i < 14; i++) {
                if (edgeOps[c][i] != null && !used[i]) {
                    int to = nodeOf(i);
                    throw invalid(cell + " cell, node " + to + ": key 'edge_" + cell + "_" + i + "' sets the op of an "
                            + "inactive edge (from node " + (i - DartsCell.nb301Edge(0, to)) + "), which node " + to
                            + "'s inputs do not include; the wrong number of edges");
                }
            }
            cells[c] = cell(cell, inputs, ops);
        }
        return new Config(new DartsArchitecture(cells[0], cells[1]), hyper);
    }

    /** NASLib's compact form, ops as indices. */
    public static ArrayNode compact(DartsArchitecture a) {
        ArrayNode pair = NODES.arrayNode(2);
        for (int c = 0; c < 2; c++) {
            DartsCell cell = a.cell(c);
            ArrayNode edges = pair.addArray();
            for (int e = 0; e < DartsCell.EDGES; e++) {
                edges.addArray().add(cell.input(e)).add(cell.op(e));
            }
        }
        return pair;
    }

    /** DARTS' genotype string, as DARTS prints it. */
    public static String genotype(DartsArchitecture a) {
        StringBuilder sb = new StringBuilder("Genotype(");
        for (int c = 0; c < 2; c++) {
            DartsCell cell = a.cell(c);
            String name = CELL_NAMES.get(c);
            sb.append(c == 0 ? "" : ", ").append(name).append("=[");
            for (int e = 0; e < DartsCell.EDGES; e++) {
                sb.append(e == 0 ? "" : ", ").append("('").append(cell.opName(e)).append("', ").append(cell.input(e))
                        .append(')');
            }
            sb.append("], ").append(name).append("_concat=[2, 3, 4, 5]");
        }
        return sb.append(')').toString();
    }

    /**
     * NAS-Bench-301's configuration of the cells: the active edges' ops and nodes 3-5's inputs, keys prefixed as in
     * its result files, followed by {@code hyperparameters}.
     */
    public static ObjectNode config(DartsArchitecture a, Map<String, JsonNode> hyperparameters) {
        ObjectNode o = NODES.objectNode();
        for (int c = 0; c < 2; c++) {
            DartsCell cell = a.cell(c);
            String name = CELL_NAMES.get(c);
            Map<Integer, String> edges = new java.util.TreeMap<>();
            for (int e = 0; e < DartsCell.EDGES; e++) {
                edges.put(DartsCell.nb301Edge(cell.input(e), DartsCell.node(e)), cell.opName(e));
            }
            edges.forEach((i, op) -> o.put(NB301_PREFIX + "edge_" + name + "_" + i, op));
            for (int k = 1; k < DartsCell.NODES; k++) {
                o.put(NB301_PREFIX + "inputs_node_" + name + "_" + (DartsCell.FIRST_NODE + k),
                        cell.input(2 * k) + "_" + cell.input(2 * k + 1));
            }
        }
        hyperparameters.forEach(o::set);
        return o;
    }

    private static DartsCell cell(String cell, int[] inputs, int[] ops) {
        for (int k = 0; k < DartsCell.NODES; k++) {
            int node = DartsCell.FIRST_NODE + k;
            checkInput(cell, node, inputs[2 * k]);
            checkInput(cell, node, inputs[2 * k + 1]);
            if (inputs[2 * k] == inputs[2 * k + 1]) {
                throw duplicate(cell, node, inputs[2 * k]);
            }
        }
        return DartsCell.ofChecked(inputs, ops);
    }

    private static void checkInput(String cell, int node, int input) {
        if (input < 0 || input >= node) {
            throw invalid(cell + " cell, node " + node + ": input " + input + " is not an earlier node; node " + node
                    + " takes inputs from nodes 0.." + (node - 1) + " (0 and 1 are the cell inputs)");
        }
    }

    private static InvalidArchitectureException duplicate(String cell, int node, int input) {
        return invalid(cell + " cell, node " + node + ": both inputs are node " + input
                + "; a node's two inputs must be distinct nodes");
    }

    private static int opIndex(String name, String cell, int node) {
        int i = DartsCell.OPS.indexOf(name);
        if (i < 0) {
            throw invalid(cell + " cell, node " + node + ": unknown op '" + name + "'; known: "
                    + String.join(", ", DartsCell.OPS));
        }
        return i;
    }

    private static int nodeOf(int nb301Edge) {
        int node = DartsCell.FIRST_NODE;
        while (DartsCell.nb301Edge(0, node + 1) <= nb301Edge) {
            node++;
        }
        return node;
    }

    /** The text between {@code open} and {@code close} after {@code name=} in a genotype string. */
    private static String field(String s, String name, String open, String close) {
        Matcher m = Pattern.compile("\\b" + name + "\\s*=\\s*" + Pattern.quote(open)).matcher(s);
        if (!m.find()) {
            throw invalid("the genotype has no field " + name + "=" + open + "...");
        }
        int end = s.indexOf(close, m.end());
        if (end < 0) {
            throw invalid("the genotype's field " + name + " is not closed with '" + close + "'");
        }
        return s.substring(m.end(), end);
    }

    private static void checkConcat(String s, String cell) {
        Matcher m = Pattern.compile("\\b" + cell + "_concat\\s*=\\s*(\\[[^\\]]*\\]|range\\s*\\([^)]*\\))").matcher(s);
        if (!m.find()) {
            throw invalid(cell + " cell: the genotype has no " + cell + "_concat=[2, 3, 4, 5]");
        }
        String concat = m.group(1).replaceAll("\\s", "");
        if (!concat.equals("[2,3,4,5]") && !concat.equals("range(2,6)")) {
            throw invalid(cell + " cell: " + cell + "_concat is " + m.group(1) + "; the space concatenates all "
                    + "intermediate nodes, [2, 3, 4, 5] or range(2, 6)");
        }
    }

    private static String text(JsonNode value, String key) {
        if (!value.isTextual()) {
            throw invalid("key '" + key + "' must be a string, got " + value);
        }
        return value.asText();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static InvalidArchitectureException invalid(String why) {
        return new InvalidArchitectureException("invalid DARTS cell pair: " + why);
    }
}
