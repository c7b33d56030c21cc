package org.curvebench.datasets;

import org.curvebench.core.LearningCurve;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads a JSON array of numbers as a curve, the way every loader accepts it: {@code null} and NaN are NaN. */
public final class JsonCurves {

    private JsonCurves() {
    }

    /**
     * The curve in {@code array}, field {@code field}; a malformed array fails with {@code where} (a file and line
     * or record) at the start of the message.
     */
    public static LearningCurve read(JsonNode array, String field, String where) {
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new DataFormatException(where + ": field '" + field + "' must be a non-empty array of numbers");
        }
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode x = array.get(i);
            if (x.isNull()) {
                v[i] = Double.NaN;
            } else if (x.isNumber()) {
                v[i] = x.asDouble();
            } else {
                throw new DataFormatException(where + ": field '" + field + "' element " + i + " is not a number: " + x);
            }
        }
        return LearningCurve.of(v);
    }
}
