package org.curvebench.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.Encoder;
import org.curvebench.encoding.InvalidArchitectureException;
import org.curvebench.encoding.SearchSpace;

/** A test space of 8-bit strings (256 architectures); neighbours differ in one bit. */
final class BitsSpace implements SearchSpace {

    static final int BITS = 8;
    static final int SIZE = 1 << BITS;

    record Bits(int value) implements Architecture {
        @Override
        public String canonicalKey() {
            StringBuilder sb = new StringBuilder();
            for (int b = BITS - 1; b >= 0; b--) {
                sb.append((value >> b) & 1);
            }
            return sb.toString();
        }

        @Override
        public JsonNode toJson() {
            return new TextNode(canonicalKey());
        }

        boolean bit(int b) {
            return ((value >> b) & 1) == 1;
        }
    }

    @Override
    public String name() {
        return "bits";
    }

    @Override
    public String description() {
        return "8-bit strings";
    }

    @Override
    public Architecture parse(JsonNode json) {
        String s = json.asText();
        if (!s.matches("[01]{8}")) {
            throw new InvalidArchitectureException("not 8 bits: " + s);
        }
        return new Bits(Integer.parseInt(s, 2));
    }

    @Override
    public List<String> encoderNames() {
        return List.of("bits");
    }

    @Override
    public Encoder encoder(String name) {
        return new Encoder() {
            @Override
            public String name() {
                return "bits";
            }

            @Override
            public double[] encode(Architecture architecture) {
                double[] x = new double[BITS];
                for (int b = 0; b < BITS; b++) {
                    x[b] = ((Bits) architecture).bit(b) ? 1 : 0;
                }
                return x;
            }
        };
    }

    @Override
    public Architecture sample(RandomGenerator random) {
        return new Bits(random.nextInt(SIZE));
    }

    @Override
    public List<Architecture> neighbours(Architecture architecture) {
        List<Architecture> out = new ArrayList<>();
        for (int b = 0; b < BITS; b++) {
            out.add(new Bits(((Bits) architecture).value() ^ (1 << b)));
        }
        return out;
    }
}
