package org.curvebench.encoding.oneshot;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.curvebench.core.CellGraph;
import org.curvebench.core.GraphSchema;
import org.curvebench.core.Progress;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.Encoder;
import org.curvebench.encoding.EnumerableSpace;
import org.curvebench.encoding.InvalidArchitectureException;
import org.curvebench.encoding.SpaceCount;
import org.curvebench.encoding.SubSpace;
import org.curvebench.encoding.nb101.Nb101Cell;
import org.curvebench.encoding.nb101.Nb101Space;

/**
 * A NAS-Bench-1Shot1 sub-space of NAS-Bench-101 (Zela et al., ICLR 2020), whose every architecture NAS-Bench-101
 * holds. Architectures are written as its configurations,
 * {@code {"choice_block_1_op": "conv3x3-bn-relu", ..., "choice_block_1_parents": [0], ...}}, or as a NAS-Bench-101
 * cell {@code {"adjacency", "ops"}} that lies in the sub-space. Keys, encoders and graphs are those of the cell the
 * configuration builds, so NAS-Bench-101 surrogates and tables answer these spaces. {@link #sample} draws a
 * configuration uniformly, as NAS-Bench-1Shot1's configuration space does; {@link #neighbours} changes one block's
 * operation or one node's parent set.
 */
public abstract class OneShotSpace implements SubSpace, EnumerableSpace {

    private final OneShotLayout layout;
    private final Nb101Space nb101 = new Nb101Space();

    OneShotSpace(OneShotLayout layout) {
        this.layout = layout;
    }

    static String opKey(int k) {
        return "choice_block_" + k + "_op";
    }

    static String parentsKey(int k) {
        return "choice_block_" + k + "_parents";
    }

    @Override
    public String name() {
        return layout.name();
    }

    @Override
    public String description() {
        return "NAS-Bench-1Shot1 space " + layout.name().substring(layout.name().length() - 1) + " ("
                + layout.blocks() + " choice blocks; parents per block " + layout.describeParents() + "), \"arch\": {\""
                + opKey(1) + "\": \"conv3x3-bn-relu\", ..., \"" + parentsKey(1) + "\": [0], ...} or a NAS-Bench-101 "
                + "cell {\"adjacency\", \"ops\"} in the space";
    }

    @Override
    public String parentSpace() {
        return Nb101Space.NAME;
    }

    @Override
    public Nb101Cell inParent(Architecture architecture) {
        return config(architecture).cell();
    }

    /** A configuration, or a NAS-Bench-101 cell (with {@code "adjacency"}) placed in the space. */
    @Override
    public OneShotConfig parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidArchitectureException("space '" + name() + "' expects an object {\"" + opKey(1)
                    + "\": ..., \"" + parentsKey(1) + "\": [...], ...} or a NAS-Bench-101 cell, got " + json);
        }
        if (json.has("adjacency")) {
            return CellPlacement.configOf(layout, nb101.parse(json));
        }
        Set<String> expected = new HashSet<>();
        List<String> ops = new ArrayList<>();
        for (int k = 1; k <= layout.blocks(); k++) {
            String key = opKey(k);
            expected.add(key);
            JsonNode op = required(json, key);
            if (!op.isTextual()) {
                throw OneShotConfig.invalid(layout, key + " must be one of " + OneShotLayout.OPS + ", got " + op);
            }
            ops.add(op.asText());
        }
        int[][] parents = new int[layout.output()][];
        for (int k = 1; k <= layout.output(); k++) {
            String key = parentsKey(k);
            expected.add(key);
            parents[k - 1] = parents(key, required(json, key));
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!expected.contains(name)) {
                throw OneShotConfig.invalid(layout, "unknown field \"" + name + "\"; the fields are " + opKey(1)
                        + ".." + opKey(layout.blocks()) + " and " + parentsKey(1) + ".." + parentsKey(layout.output()));
            }
        }
        return OneShotConfig.of(layout, ops, parents);
    }

    private JsonNode required(JsonNode json, String key) {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) {
            throw OneShotConfig.invalid(layout, "missing field \"" + key + "\"");
        }
        return v;
    }

    private int[] parents(String key, JsonNode v) {
        if (!v.isArray()) {
            throw OneShotConfig.invalid(layout, key + " must be an array of node numbers such as [0, 1], got " + v);
        }
        int[] p = new int[v.size()];
        for (int i = 0; i < p.length; i++) {
            if (!v.get(i).isIntegralNumber()) {
                throw OneShotConfig.invalid(layout, key + " must hold node numbers, got " + v.get(i));
            }
            p[i] = v.get(i).intValue();
        }
        return p;
    }

    /** The configuration of this space that {@code architecture} is, or the reason it is none. */
    OneShotConfig config(Architecture architecture) {
        if (architecture instanceof OneShotConfig c && c.layout().equals(layout)) {
            return c;
        }
        throw new InvalidArchitectureException("not a " + name() + " configuration: " + architecture);
    }

    @Override
    public List<String> encoderNames() {
        return nb101.encoderNames();
    }

    /** NAS-Bench-101's encoder of that name, applied to the configuration's cell. */
    @Override
    public Encoder encoder(String name) {
        Encoder cellEncoder = nb101.encoder(name);
        return new Encoder() {
            @Override
            public String name() {
                return cellEncoder.name();
            }

            @Override
            public double[] encode(Architecture architecture) {
                return cellEncoder.encode(inParent(architecture));
            }

            @Override
            public List<String> featureNames() {
                return cellEncoder.featureNames();
            }
        };
    }

    @Override
    public int defaultObservedEpochs() {
        return nb101.defaultObservedEpochs();
    }

    @Override
    public String defaultMetric() {
        return nb101.defaultMetric();
    }

    @Override
    public Optional<GraphSchema> graphSchema() {
        return nb101.graphSchema();
    }

    /** The graph of the configuration's pruned cell. */
    @Override
    public Optional<CellGraph> graph(Architecture architecture) {
        return nb101.graph(inParent(architecture));
    }

    /** Each block's operation and each node's parent set drawn uniformly (a uniform configuration). */
    @Override
    public OneShotConfig sample(RandomGenerator random) {
        List<String> ops = new ArrayList<>(layout.blocks());
        for (int k = 1; k <= layout.blocks(); k++) {
            ops.add(OneShotLayout.OPS.get(random.nextInt(OneShotLayout.OPS.size())));
        }
        int[][] parents = new int[layout.output()][];
        for (int k = 1; k <= layout.output(); k++) {
            int[][] choices = layout.parentChoices(k);
            parents[k - 1] = choices[random.nextInt(choices.length)];
        }
        return OneShotConfig.of(layout, ops, parents);
    }

    /**
     * Each block with each other operation, then each node with each other parent set, in that order; changes that
     * leave the cell the same (a block off every path to the output) or repeat an earlier result are left out.
     */
    @Override
    public List<Architecture> neighbours(Architecture architecture) {
        OneShotConfig c = config(architecture);
        Set<String> seen = new HashSet<>();
        seen.add(c.canonicalKey());
        List<Architecture> out = new ArrayList<>();
        int[][] parents = new int[layout.output()][];
        List<String> ops = new ArrayList<>();
        for (int k = 1; k <= layout.output(); k++) {
            parents[k - 1] = c.parents(k);
        }
        for (int k = 1; k <= layout.blocks(); k++) {
            ops.add(c.op(k));
        }
        for (int k = 1; k <= layout.blocks(); k++) {
            for (String op : OneShotLayout.OPS) {
                if (!op.equals(c.op(k))) {
                    List<String> changed = new ArrayList<>(ops);
                    changed.set(k - 1, op);
                    addNew(OneShotConfig.of(layout, changed, parents), seen, out);
                }
            }
        }
        for (int k = 1; k <= layout.output(); k++) {
            for (int[] choice : layout.parentChoices(k)) {
                int[][] changed = parents.clone();
                changed[k - 1] = choice;
                addNew(OneShotConfig.of(layout, ops, changed), seen, out);
            }
        }
        return out;
    }

    private static void addNew(OneShotConfig config, Set<String> seen, List<Architecture> out) {
        if (seen.add(config.canonicalKey())) {
            out.add(config);
        }
    }

    @Override
    public void forEachArchitecture(Consumer<? super Architecture> action, Progress progress) {
        new OneShotEnumeration(layout).forEach(action, progress);
    }

    /**
     * Configurations of the configuration space; architectures as NAS-Bench-1Shot1 counts them (graphs without
     * loose ends, operations of their blocks); distinct module hashes.
     */
    @Override
    public SpaceCount count(Progress progress) {
        return new OneShotEnumeration(layout).count(progress);
    }
}
