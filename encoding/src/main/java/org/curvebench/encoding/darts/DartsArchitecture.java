package org.curvebench.encoding.darts;

import com.fasterxml.jackson.databind.JsonNode;
import org.curvebench.encoding.Architecture;

/**
 * A DARTS cell pair, the architecture of the {@code darts} space: a normal and a reduce cell, each concatenating
 * all four intermediate nodes (DARTS' {@code concat = [2, 3, 4, 5]}). Its JSON form and canonical key are NASLib's
 * compact form with each node's inputs in ascending order.
 *
 * @param normal the cell of stride 1
 * @param reduce the cell of stride 2
 */
public record DartsArchitecture(DartsCell normal, DartsCell reduce) implements Architecture {

    public DartsArchitecture {
        if (normal == null || reduce == null) {
            throw new IllegalArgumentException("a DARTS architecture needs a normal and a reduce cell");
        }
    }

    /** The cell of that index: 0 normal, 1 reduce. */
    public DartsCell cell(int index) {
        return index == 0 ? normal : reduce;
    }

    @Override
    public String canonicalKey() {
        return "[" + normal + ", " + reduce + "]";
    }

    @Override
    public JsonNode toJson() {
        return DartsForms.compact(this);
    }

    @Override
    public String toString() {
        return canonicalKey();
    }
}
