package org.curvebench.datasets;

import org.curvebench.core.LearningCurve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;

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

    /** Reads result files as benchmarks write them: Python's {@code NaN} and {@code Infinity} are numbers. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /**
     * One result file's JSON object, read from its bytes (UTF-8), {@code NaN} allowed; fails naming {@code source} when the bytes are not
     * JSON or not an object, saying the file should be {@code what}.
     */
    public static JsonNode readObject(byte[] content, String source, String what) {
        JsonNode root;
        try {
            root = JSON.readTree(new String(content, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new DataFormatException(source + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new DataFormatException(source + ": expected a JSON object, " + what);
        }
        return root;
    }
}
