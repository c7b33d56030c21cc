package org.curvebench.encoding.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Arrays;
import org.curvebench.encoding.Architecture;

/** An architecture known only by its numeric features. */
public final class FeatureVector implements Architecture {

    private final double[] values;

    public FeatureVector(double[] values) {
        this.values = values.clone();
    }

    /** A copy of the features. */
    public double[] values() {
        return values.clone();
    }

    public int dimension() {
        return values.length;
    }

    @Override
    public String canonicalKey() {
        return Arrays.toString(values);
    }

    @Override
    public JsonNode toJson() {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (double v : values) {
            array.add(v);
        }
        return array;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureVector f && Arrays.equals(values, f.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return canonicalKey();
    }
}
