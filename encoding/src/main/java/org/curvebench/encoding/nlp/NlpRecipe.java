package org.curvebench.encoding.nlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.curvebench.encoding.Architecture;

/**
 * A NAS-Bench-NLP recurrent cell ("recipe"): named nodes, each an operation over the cell inputs
 * ({@code x}, {@code h_prev_0..2}) or earlier nodes, with the new hidden states named {@code h_new_0..2}.
 * Instances are built, and validated, by {@link NlpSpace#parse}. The node order of the JSON object is kept,
 * because NAS-Bench-x11's encoding depends on it; {@link #canonicalKey()} does not, and neither does it
 * depend on the names of inner nodes or on the input order of {@code linear} and {@code elementwise_*}
 * nodes (only {@code blend} is ordered).
 */
public final class NlpRecipe implements Architecture {

    /** One node of a recipe: its name, operation and input names, in the order written. */
    public record Node(String name, String op, List<String> inputs) {
        public Node {
            inputs = List.copyOf(inputs);
        }
    }

    private final List<Node> nodes;
    private final Map<String, Node> byName;
    private final String canonicalForm;
    private final String key;

    NlpRecipe(List<Node> nodes, String canonicalForm) {
        this.nodes = List.copyOf(nodes);
        Map<String, Node> map = new LinkedHashMap<>();
        for (Node n : this.nodes) {
            map.put(n.name(), n);
        }
        this.byName = map;
        this.canonicalForm = canonicalForm;
        this.key = "nlp:" + sha256(canonicalForm).substring(0, 20);
    }

    /** The nodes in the order the recipe lists them. */
    public List<Node> nodes() {
        return nodes;
    }

    /** The node of that name, if the recipe defines it. */
    public Optional<Node> node(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The number of nodes the recipe defines (cell inputs not counted). */
    public int size() {
        return nodes.size();
    }

    /** The number of hidden states the cell carries (its {@code h_new_*} outputs). */
    public int hiddenStates() {
        int n = 0;
        while (byName.containsKey(NlpSpace.OUTPUT_PREFIX + n)) {
            n++;
        }
        return n;
    }

    /**
     * The serialisation of the cell that {@link #canonicalKey()} hashes: one entry per node in a canonical
     * order, each naming its operation, its inputs by position and, for outputs, the hidden state it writes.
     */
    public String canonicalForm() {
        return canonicalForm;
    }

    @Override
    public String canonicalKey() {
        return key;
    }

    @Override
    public JsonNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        for (Node n : nodes) {
            ObjectNode spec = root.putObject(n.name());
            spec.put("op", n.op());
            ArrayNode in = spec.putArray("input");
            n.inputs().forEach(in::add);
        }
        return root;
    }

    /** Equal when the recipes are written alike (same nodes, names and order); see {@link #canonicalKey()}. */
    @Override
    public boolean equals(Object o) {
        return o instanceof NlpRecipe r && nodes.equals(r.nodes);
    }

    @Override
    public int hashCode() {
        return nodes.hashCode();
    }

    @Override
    public String toString() {
        return toJson().toString();
    }

    private static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
