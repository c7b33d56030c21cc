package org.curvebench.surrogate.toy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
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
 * A toy space registered from this test module alone (one class plus one services line): an architecture is a
 * chain of 1..8 nodes, written as its length.
 */
public final class ChainSpace implements SearchSpace {

    static final GraphSchema SCHEMA = new GraphSchema(List.of("node"), List.of(), 8);

    /** A chain of {@code length} nodes. */
    record Chain(int length) implements Architecture {
        @Override
        public String canonicalKey() {
            return "chain" + length;
        }

        @Override
        public JsonNode toJson() {
            return IntNode.valueOf(length);
        }
    }

    @Override
    public String name() {
        return "toy-chain";
    }

    @Override
    public String description() {
        return "chains of 1..8 nodes, \"arch\": 3";
    }

    @Override
    public Architecture parse(JsonNode json) {
        if (json == null || !json.isInt() || json.intValue() < 1 || json.intValue() > 8) {
            throw new InvalidArchitectureException("a chain is a length 1..8, got " + json);
        }
        return new Chain(json.intValue());
    }

    @Override
    public List<String> encoderNames() {
        return List.of("length");
    }

    @Override
    public Encoder encoder(String name) {
        if (!name.equals("length")) {
            throw new IllegalArgumentException("space 'toy-chain' has no encoder '" + name + "'");
        }
        return new Encoder() {
            @Override
            public String name() {
                return "length";
            }

            @Override
            public double[] encode(Architecture architecture) {
                return new double[] {((Chain) architecture).length()};
            }
        };
    }

    @Override
    public Optional<GraphSchema> graphSchema() {
        return Optional.of(SCHEMA);
    }

    @Override
    public Optional<CellGraph> graph(Architecture architecture) {
        int n = ((Chain) architecture).length();
        int[] from = new int[n - 1];
        int[] to = new int[n - 1];
        for (int i = 0; i + 1 < n; i++) {
            from[i] = i;
            to[i] = i + 1;
        }
        return Optional.of(CellGraph.of(SCHEMA, new int[n], from, to, null));
    }

    @Override
    public Architecture sample(RandomGenerator random) {
        return new Chain(1 + random.nextInt(8));
    }
}
