package org.curvebench.encoding.nlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.curvebench.core.CellGraph;
import org.curvebench.core.GraphSchema;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.Encoder;
import org.curvebench.encoding.InvalidArchitectureException;
import org.curvebench.encoding.SearchSpace;

/**
 * The NAS-Bench-NLP space of recurrent cells. An architecture is written as NAS-Bench-NLP writes a recipe,
 * {@code {"h_new_0": {"op": "activation_tanh", "input": ["n"]}, "n": {"op": "linear", "input": ["x",
 * "h_prev_0"]}}}, or as a JSON string holding that object (the logs' {@code recepie} field). Encoders:
 * {@code x11} (NAS-Bench-x11's adjacency, categorical ops and hidden-state indices; the default) and
 * {@code onehot} (the same with one-hot ops); both take a node limit, written {@code x11:30}.
 *
 * <p>A recipe's graph ({@link #graph}) has the four cell inputs as nodes 0..3, then the recipe's nodes labelled
 * by operation in x11's compact order, then one node per hidden state {@code h_new_k} fed by the node that
 * computes it; edges are unlabelled. {@link #sample} draws a random valid recipe and {@link #neighbours} changes
 * one node's operation or re-wires one input.
 */
public final class NlpSpace implements SearchSpace {

    public static final String NAME = "nlp";

    /** The inputs of every cell, in the order NAS-Bench-x11 numbers them. */
    public static final List<String> CELL_INPUTS = List.of("x", "h_prev_0", "h_prev_1", "h_prev_2");

    /** The operations a node may apply. */
    public static final List<String> OPS = List.of("linear", "blend", "elementwise_prod", "elementwise_sum",
            "activation_tanh", "activation_sigm", "activation_leaky_relu");

    /**
     * Operations whose input order does not change the cell. {@code linear} is a sum of one learned map per
     * input, so it belongs here; the NAS-Bench-NLP logs agree: the 7 groups of runs that differ only in the
     * input order of linear nodes end within 0.02 of each other in validation loss, as seeds do, where only
     * 3.5% of pairs of different cells come that close. {@code blend} (gate, a, b) is ordered.
     */
    static final Set<String> COMMUTATIVE_OPS = Set.of("linear", "elementwise_prod", "elementwise_sum");

    static final String OUTPUT_PREFIX = "h_new_";

    /**
     * The most recipe nodes a cell graph holds: 21, so that every cell with a graph also fits the default x11
     * encoding (node indices up to 24, the cell inputs taking 0..3). The logs' largest cell has 15.
     */
    public static final int MAX_GRAPH_RECIPE_NODES = X11Encoder.DEFAULT_MAX_NODES + 1 - 4;

    /** At most this many hidden states: {@code h_prev_0..2} feed them back. */
    public static final int MAX_HIDDEN_STATES = 3;

    private static final Pattern OUTPUT = Pattern.compile("h_new_[0-9]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Node labels of the cell graphs: the cell inputs, the operations, then the hidden states written. */
    public static final List<String> NODE_LABELS = graphNodeLabels();

    private static final GraphSchema SCHEMA = new GraphSchema(NODE_LABELS, List.of(),
            CELL_INPUTS.size() + MAX_GRAPH_RECIPE_NODES + MAX_HIDDEN_STATES);

    private static List<String> graphNodeLabels() {
        List<String> labels = new ArrayList<>(CELL_INPUTS);
        labels.addAll(OPS);
        for (int k = 0; k < MAX_HIDDEN_STATES; k++) {
            labels.add(OUTPUT_PREFIX + k);
        }
        return List.copyOf(labels);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "NAS-Bench-NLP recipes, {\"node\": {\"op\": \"linear\", \"input\": [\"x\", \"h_prev_0\"]}, ..., "
                + "\"h_new_0\": {...}} or that object as a JSON string";
    }

    /**
     * Three, as NAS-Bench-x11's NLP11: on the WikiText-2 logs the cell alone ranks curves at Kendall tau 0.24,
     * the cell and the first three epochs at 0.87 (README).
     */
    @Override
    public int defaultObservedEpochs() {
        return 3;
    }

    @Override
    public String defaultMetric() {
        return "val_loss";
    }

    @Override
    public NlpRecipe parse(JsonNode json) {
        JsonNode node = json;
        if (node != null && node.isTextual()) {
            try {
                node = JSON.readTree(node.asText());
            } catch (JsonProcessingException e) {
                throw new InvalidArchitectureException("NAS-Bench-NLP recipe string is not valid JSON: "
                        + e.getOriginalMessage());
            }
        }
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw new InvalidArchitectureException("space 'nlp' expects a recipe object such as {\"h_new_0\": "
                    + "{\"op\": \"linear\", \"input\": [\"x\", \"h_prev_0\"]}} or that object as a string, got " + json);
        }
        List<NlpRecipe.Node> nodes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            nodes.add(parseNode(e.getKey(), e.getValue()));
        }
        return recipe(nodes);
    }

    /** A validated recipe of these nodes, in this order. */
    public NlpRecipe recipe(List<NlpRecipe.Node> nodes) {
        validate(nodes);
        return new NlpRecipe(nodes, CellCanonicalizer.canonicalForm(nodes));
    }

    private static NlpRecipe.Node parseNode(String name, JsonNode spec) {
        if (spec == null || !spec.isObject()) {
            throw invalid(name, "must be an object {\"op\": ..., \"input\": [...]}, got " + spec);
        }
        for (Iterator<String> it = spec.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!field.equals("op") && !field.equals("input")) {
                throw invalid(name, "has unknown field '" + field + "'; a node has only 'op' and 'input'");
            }
        }
        JsonNode op = spec.get("op");
        if (op == null || !op.isTextual()) {
            throw invalid(name, "needs a string field 'op', one of " + OPS);
        }
        JsonNode in = spec.get("input");
        if (in == null || !in.isArray()) {
            throw invalid(name, "needs an array field 'input' of node names");
        }
        List<String> inputs = new ArrayList<>();
        for (JsonNode i : in) {
            if (!i.isTextual()) {
                throw invalid(name, "has an input that is not a node name: " + i);
            }
            inputs.add(i.asText());
        }
        return new NlpRecipe.Node(name, op.asText(), inputs);
    }

    private static void validate(List<NlpRecipe.Node> nodes) {
        if (nodes.isEmpty()) {
            throw new InvalidArchitectureException("a NAS-Bench-NLP recipe needs at least the node h_new_0");
        }
        Map<String, NlpRecipe.Node> byName = new HashMap<>();
        for (NlpRecipe.Node n : nodes) {
            if (CELL_INPUTS.contains(n.name())) {
                throw invalid(n.name(), "redefines a cell input; " + CELL_INPUTS + " are given to the cell");
            }
            if (n.name().isEmpty()) {
                throw new InvalidArchitectureException("a node of the recipe has an empty name");
            }
            if (byName.put(n.name(), n) != null) {
                throw invalid(n.name(), "is defined twice");
            }
        }
        int hidden = 0;
        for (NlpRecipe.Node n : nodes) {
            if (isOutput(n.name())) {
                int k = Integer.parseInt(n.name().substring(OUTPUT_PREFIX.length()));
                if (k >= MAX_HIDDEN_STATES) {
                    throw invalid(n.name(), "is out of range: a cell has at most " + MAX_HIDDEN_STATES
                            + " hidden states, h_new_0..h_new_" + (MAX_HIDDEN_STATES - 1));
                }
                hidden = Math.max(hidden, k + 1);
            }
        }
        for (int k = 0; k < Math.max(hidden, 1); k++) {
            if (!byName.containsKey(OUTPUT_PREFIX + k)) {
                throw new InvalidArchitectureException("output 'h_new_" + k + "' is missing: a recipe defines h_new_0"
                        + (hidden > 1 ? " and every hidden state up to h_new_" + (hidden - 1) : ""));
            }
        }
        for (NlpRecipe.Node n : nodes) {
            checkNode(n, byName, hidden);
        }
        checkAcyclic(nodes, byName);
        checkReachesOutput(nodes, byName);
    }

    private static void checkNode(NlpRecipe.Node n, Map<String, NlpRecipe.Node> byName, int hidden) {
        if (!OPS.contains(n.op())) {
            throw invalid(n.name(), "has unknown op '" + n.op() + "'; known ops: " + OPS);
        }
        int arity = n.inputs().size();
        if (n.op().startsWith("activation_") && arity != 1) {
            throw invalid(n.name(), "applies " + n.op() + ", which takes exactly 1 input, to " + arity);
        }
        if (n.op().equals("blend") && arity != 3) {
            throw invalid(n.name(), "applies blend, which takes exactly 3 inputs (gate, a, b), to " + arity);
        }
        if (n.op().startsWith("elementwise_") && arity < 2) {
            throw invalid(n.name(), "applies " + n.op() + ", which takes at least 2 inputs, to " + arity);
        }
        if (n.op().equals("linear") && arity < 1) {
            throw invalid(n.name(), "applies linear to no input");
        }
        for (String in : n.inputs()) {
            int prev = CELL_INPUTS.indexOf(in) - 1;
            if (prev >= 0 && prev >= hidden) {
                throw invalid(n.name(), "reads '" + in + "' but the cell writes no 'h_new_" + prev
                        + "' to carry it to the next step");
            }
            if (prev < 0 && !in.equals("x") && !byName.containsKey(in)) {
                throw invalid(n.name(), "reads undefined input '" + in + "'; inputs are " + CELL_INPUTS
                        + " or nodes of the recipe");
            }
        }
    }

    private static void checkAcyclic(List<NlpRecipe.Node> nodes, Map<String, NlpRecipe.Node> byName) {
        Map<String, Integer> state = new HashMap<>();
        for (NlpRecipe.Node start : nodes) {
            if (state.containsKey(start.name())) {
                continue;
            }
            Deque<String> path = new ArrayDeque<>();
            Deque<Iterator<String>> pending = new ArrayDeque<>();
            path.push(start.name());
            pending.push(start.inputs().iterator());
            state.put(start.name(), 1);
            while (!pending.isEmpty()) {
                Iterator<String> it = pending.peek();
                if (!it.hasNext()) {
                    state.put(path.pop(), 2);
                    pending.pop();
                    continue;
                }
                NlpRecipe.Node next = byName.get(it.next());
                if (next == null) {
                    continue;
                }
                Integer s = state.get(next.name());
                if (s == null) {
                    state.put(next.name(), 1);
                    path.push(next.name());
                    pending.push(next.inputs().iterator());
                } else if (s == 1) {
                    List<String> cycle = new ArrayList<>();
                    for (String p : path) {
                        cycle.add(0, p);
                        if (p.equals(next.name())) {
                            break;
                        }
                    }
                    cycle.add(next.name());
                    throw invalid(next.name(), "is on a cycle (each node reads the next): "
                            + String.join(" -> ", cycle));
                }
            }
        }
    }

    private static void checkReachesOutput(List<NlpRecipe.Node> nodes, Map<String, NlpRecipe.Node> byName) {
        Set<String> used = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        for (NlpRecipe.Node n : nodes) {
            if (isOutput(n.name())) {
                todo.push(n.name());
            }
        }
        while (!todo.isEmpty()) {
            NlpRecipe.Node n = byName.get(todo.pop());
            if (n != null && used.add(n.name())) {
                n.inputs().forEach(todo::push);
            }
        }
        for (NlpRecipe.Node n : nodes) {
            if (!used.contains(n.name())) {
                throw invalid(n.name(), "feeds no output: every node must lead to some h_new_*");
            }
        }
    }

    /**
     * Whether {@code op} takes {@code arity} inputs, by the rules {@code checkNode} enforces: activations 1,
     * blend 3, elementwise ops 2 or more, linear 1 or more.
     */
    static boolean takes(String op, int arity) {
        if (op.startsWith("activation_")) {
            return arity == 1;
        }
        if (op.equals("blend")) {
            return arity == 3;
        }
        if (op.startsWith("elementwise_")) {
            return arity >= 2;
        }
        return arity >= 1;
    }

    static boolean isOutput(String name) {
        return OUTPUT.matcher(name).matches();
    }

    private static InvalidArchitectureException invalid(String node, String why) {
        return new InvalidArchitectureException("invalid NAS-Bench-NLP recipe: node '" + node + "' " + why);
    }

    @Override
    public Optional<GraphSchema> graphSchema() {
        return Optional.of(SCHEMA);
    }

    /**
     * The recipe as a graph: nodes 0..3 are {@code x, h_prev_0, h_prev_1, h_prev_2} (all four, read or not), then
     * the recipe's nodes in x11's compact order labelled by operation, then one node {@code h_new_k} per hidden
     * state with an edge from the node that computes it. Edges are unlabelled and listed by consumer, each
     * consumer's inputs in the order written (which is all that tells blend's gate from its two operands).
     * Recipes of more than {@link #MAX_GRAPH_RECIPE_NODES} nodes have no graph and are refused.
     */
    @Override
    public Optional<CellGraph> graph(Architecture architecture) {
        if (!(architecture instanceof NlpRecipe recipe)) {
            throw new InvalidArchitectureException("not a NAS-Bench-NLP recipe: " + architecture);
        }
        if (recipe.size() > MAX_GRAPH_RECIPE_NODES) {
            throw new InvalidArchitectureException("cell " + recipe.canonicalKey() + " has " + recipe.size()
                    + " nodes; cell graphs of space 'nlp' hold at most " + MAX_GRAPH_RECIPE_NODES
                    + " (those the default x11 encoding has room for)");
        }
        List<NlpRecipe.Node> order = X11Encoder.compactOrder(recipe);
        int inputs = CELL_INPUTS.size();
        int hidden = recipe.hiddenStates();
        int[] labels = new int[inputs + order.size() + hidden];
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < inputs; i++) {
            labels[i] = i;
            index.put(CELL_INPUTS.get(i), i);
        }
        int edges = hidden;
        for (int j = 0; j < order.size(); j++) {
            labels[inputs + j] = inputs + OPS.indexOf(order.get(j).op());
            index.put(order.get(j).name(), inputs + j);
            edges += order.get(j).inputs().size();
        }
        int[] from = new int[edges];
        int[] to = new int[edges];
        int e = 0;
        for (int j = 0; j < order.size(); j++) {
            for (String in : order.get(j).inputs()) {
                from[e] = index.get(in);
                to[e++] = inputs + j;
            }
        }
        for (int k = 0; k < hidden; k++) {
            int marker = inputs + order.size() + k;
            labels[marker] = inputs + OPS.size() + k;
            from[e] = index.get(OUTPUT_PREFIX + k);
            to[e++] = marker;
        }
        return Optional.of(CellGraph.of(SCHEMA, labels, from, to, null));
    }

    /** A random valid recipe in NAS-Bench-NLP's style ({@link RecipeSampler#sample}). */
    @Override
    public NlpRecipe sample(RandomGenerator random) {
        return RecipeSampler.sample(this, random);
    }

    /** The recipes one edit away ({@link RecipeSampler#neighbours}). */
    @Override
    public List<Architecture> neighbours(Architecture architecture) {
        if (!(architecture instanceof NlpRecipe recipe)) {
            throw new InvalidArchitectureException("not a NAS-Bench-NLP recipe: " + architecture);
        }
        return RecipeSampler.neighbours(this, recipe);
    }

    @Override
    public List<String> encoderNames() {
        return List.of(X11Encoder.NAME, X11Encoder.ONEHOT);
    }

    /**
     * {@code x11} or {@code onehot}, optionally with a node limit, {@code x11:30}; without one the limit is
     * {@link X11Encoder#DEFAULT_MAX_NODES}.
     */
    @Override
    public Encoder encoder(String name) {
        int colon = name.indexOf(':');
        String base = colon < 0 ? name : name.substring(0, colon);
        int maxNodes = X11Encoder.DEFAULT_MAX_NODES;
        if (colon >= 0) {
            try {
                maxNodes = Integer.parseInt(name.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("encoder '" + name + "': the node limit after ':' must be an integer");
            }
        }
        return switch (base) {
            case X11Encoder.NAME -> new X11Encoder(maxNodes, false);
            case X11Encoder.ONEHOT -> new X11Encoder(maxNodes, true);
            default -> throw new IllegalArgumentException("space 'nlp' has no encoder '" + name + "'; available: "
                    + encoderNames() + ", optionally with a node limit such as x11:30");
        };
    }

    /** NAS-Bench-x11's encoding for cells whose compact form has node indices up to {@code maxNodes}. */
    public static Encoder x11Encoder(int maxNodes) {
        return new X11Encoder(maxNodes, false);
    }

    /** As {@link #x11Encoder(int)} with one-hot operations instead of categorical codes. */
    public static Encoder oneHotEncoder(int maxNodes) {
        return new X11Encoder(maxNodes, true);
    }
}
