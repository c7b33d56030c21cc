package org.curvebench.surrogate.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.curvebench.core.LearningCurve;
import org.curvebench.core.ModelInput;
import org.curvebench.core.ModelInputs;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.InvalidArchitectureException;
import org.curvebench.encoding.SearchSpace;
import org.curvebench.encoding.SubSpace;
import org.curvebench.surrogate.CurveSurrogate;
import org.curvebench.surrogate.ObservedEpochsException;

/**
 * The one way to ask a surrogate for curves, shared by the library, the command line and the server: mean, noisy
 * (a training seed per query) and observed-epoch queries, single or batched on the surrogate's fast batch path,
 * the curves of several metrics of one simulated run ({@link #metricCurves}, {@link #curve(CurveQuery, String)}),
 * and the JSON form of a query and of its answer ({@code {"arch", "seed", "observed", "metrics"}} in,
 * {@code {"arch", "seed", "epochs", "curve"}} or, for a query with metrics, {@code {..., "curves": {"m": [...]}}}
 * out). Thread-safe.
 */
public final class QueryService {

    /** Queries per task when a large batch is split over the cores. */
    static final int CHUNK = 2048;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CurveSurrogate surrogate;
    private final SearchSpace asked;

    public QueryService(CurveSurrogate surrogate) {
        this.surrogate = surrogate;
        this.asked = surrogate.space();
    }

    /**
     * A service that reads architectures of {@code asked}: the surrogate's own space, or a {@link SubSpace} of it
     * (NAS-Bench-1Shot1's spaces of an NB111 surrogate), whose architectures are answered as the surrogate's space
     * writes them.
     */
    public QueryService(CurveSurrogate surrogate, SearchSpace asked) {
        String own = surrogate.space().name();
        if (!asked.name().equals(own) && !(asked instanceof SubSpace sub && sub.parentSpace().equals(own))) {
            throw new IllegalArgumentException("a surrogate of space '" + own + "' cannot answer architectures of space '"
                    + asked.name() + "': it is neither '" + own + "' nor one of its sub-spaces");
        }
        this.surrogate = surrogate;
        this.asked = asked.name().equals(own) ? surrogate.space() : asked;
    }

    public CurveSurrogate surrogate() {
        return surrogate;
    }

    public int epochs() {
        return surrogate.epochs();
    }

    /** The curve one query asks for. */
    public LearningCurve curve(CurveQuery query) {
        double[] out = new double[epochs()];
        curves(List.of(query), 0, 1, out);
        return LearningCurve.of(out);
    }

    /** The metrics the surrogate answers, the primary first. */
    public List<String> metrics() {
        return surrogate.metrics();
    }

    /**
     * The curve of {@code metric} that {@code query} asks for (its mean, or the noisy curve of its seed, drawn
     * jointly with the other metrics of that training run); the primary metric's is {@link #curve(CurveQuery)}'s.
     */
    public LearningCurve curve(CurveQuery query, String metric) {
        return metricCurves(query.withMetrics(List.of(metric))).get(metric);
    }

    /**
     * The curves of the query's metrics ({@link CurveQuery#metrics()}, or the primary alone when it lists none), in
     * order: mean curves, or the noisy curves of one training run of the query's seed.
     */
    public java.util.Map<String, LearningCurve> metricCurves(CurveQuery query) {
        List<String> names = query.metrics().isEmpty() ? List.of(surrogate.metric()) : query.metrics();
        try {
            return query.noisy()
                    ? surrogate.noisyCurves(query.architecture(), query.observedView(), query.seed(), names)
                    : surrogate.meanCurves(query.architecture(), query.observedView(), names);
        } catch (ObservedEpochsException e) {
            throw new QueryException("observed", 0, e.getMessage());
        } catch (org.curvebench.surrogate.UnknownMetricException e) {
            throw new QueryException("metrics", 0, e.getMessage());
        }
    }

    /**
     * The curves of {@code metrics} for many queries: per metric, the rows ({@code size x epochs}, row-major) in
     * query order; a noisy query's metrics are one joint training run. Large batches use every core.
     */
    public java.util.Map<String, double[]> metricRows(List<CurveQuery> queries, List<String> metrics) {
        int n = queries.size();
        int e = epochs();
        java.util.Map<String, double[]> rows = new java.util.LinkedHashMap<>();
        for (String m : metrics) {
            rows.put(m, new double[n * e]);
        }
        IntStream.range(0, n).parallel().forEach(i -> {
            CurveQuery q = queries.get(i);
            java.util.Map<String, LearningCurve> curves;
            try {
                curves = metricCurves(q.withMetrics(metrics));
            } catch (QueryException x) {
                throw new QueryException(x.field(), i, x.getMessage());
            }
            for (String m : metrics) {
                double[] c = curves.get(m).toArray();
                System.arraycopy(c, 0, rows.get(m), i * e, e);
            }
        });
        return rows;
    }

    /** The curves of many queries, in order; large batches use every core. */
    public List<LearningCurve> curves(List<CurveQuery> queries) {
        double[] rows = curveRows(queries);
        int e = epochs();
        List<LearningCurve> out = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            out.add(LearningCurve.of(Arrays.copyOfRange(rows, i * e, (i + 1) * e)));
        }
        return out;
    }

    /** The curves of many queries, row-major ({@code size x epochs}); large batches use every core. */
    public double[] curveRows(List<CurveQuery> queries) {
        int n = queries.size();
        double[] out = new double[n * epochs()];
        int chunks = (n + CHUNK - 1) / CHUNK;
        if (chunks <= 1) {
            curves(queries, 0, n, out);
        } else {
            IntStream.range(0, chunks).parallel().forEach(c -> curves(queries, c * CHUNK, Math.min(n, (c + 1) * CHUNK), out));
        }
        return out;
    }

    /** Curves of queries {@code from..to} into {@code out} at row {@code from}, on the calling thread. */
    void curves(List<CurveQuery> queries, int from, int to, double[] out) {
        int n = to - from;
        List<ModelInput> inputs = new ArrayList<>(n);
        Architecture[] archs = new Architecture[n];
        long[] seeds = new long[n];
        boolean[] noisy = null;
        for (int i = 0; i < n; i++) {
            CurveQuery q = queries.get(from + i);
            try {
                inputs.add(surrogate.input(q.architecture(), q.observedView()));
            } catch (ObservedEpochsException e) {
                throw new QueryException("observed", from + i, e.getMessage());
            } catch (InvalidArchitectureException e) {
                throw new QueryException("arch", from + i, e.getMessage());
            }
            archs[i] = q.architecture();
            seeds[i] = q.seed();
            if (q.noisy()) {
                if (noisy == null) {
                    noisy = new boolean[n];
                }
                noisy[i] = true;
            }
        }
        int e = epochs();
        if (from == 0 && out.length == n * e) {
            surrogate.curves(ModelInputs.of(inputs), archs, seeds, noisy, out);
        } else {
            double[] part = new double[n * e];
            surrogate.curves(ModelInputs.of(inputs), archs, seeds, noisy, part);
            System.arraycopy(part, 0, out, from * e, part.length);
        }
    }

    /**
     * Reads one query in its JSON form, {@code {"arch": ..., "seed": 3, "observed": [...]}}: {@code arch} in the
     * asked space's JSON form (an architecture of a sub-space becomes the surrogate space's), {@code seed} (a whole
     * number; asks for that training seed's noisy curve) and {@code observed} (numbers) optional. Missing fields take {@code defaults}. Fails with the field named and
     * {@code index} as the query's position.
     */
    public CurveQuery parse(JsonNode node, QueryDefaults defaults, long index) {
        if (node == null || !node.isObject()) {
            throw new QueryException(null, index, "expected an object {\"arch\": ...}");
        }
        JsonNode arch = node.get("arch");
        if (arch == null || arch.isNull()) {
            throw new QueryException(null, index, "expected an object {\"arch\": ...}; this one has no \"arch\"");
        }
        CurveQuery q = parse(arch, node.get("seed"), node.get("observed"), defaults, index);
        JsonNode m = node.get("metrics");
        return m == null || m.isNull() ? q : q.withMetrics(parseMetrics(m, index));
    }

    /**
     * Reads a query's {@code "metrics"}: {@code "all"}, or an array of metric names the surrogate answers. Fails
     * with the field named and the metrics the surrogate has.
     */
    public List<String> parseMetrics(JsonNode node, long index) {
        if (node.isTextual() && node.asText().equals("all")) {
            return surrogate.metrics();
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new QueryException("metrics", index, "must be \"all\" or a non-empty array of metric names, not "
                    + node + "; this surrogate answers " + String.join(", ", surrogate.metrics()));
        }
        List<String> names = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual() || !surrogate.metrics().contains(n.asText())) {
                throw new QueryException("metrics", index, "this surrogate has no metric " + n + "; it answers "
                        + String.join(", ", surrogate.metrics()));
            }
            if (!names.contains(n.asText())) {
                names.add(n.asText());
            }
        }
        return names;
    }

    /**
     * Reads one query from its parts, as {@link #parse(JsonNode, QueryDefaults, long)} reads them from an object:
     * {@code arch} in the space's JSON form (required), {@code seed} and {@code observed} null or missing for the
     * defaults. For adapters whose requests carry the parts side by side (the HTTP server's {@code archs},
     * {@code seeds} and {@code observed} arrays).
     */
    public CurveQuery parse(JsonNode arch, JsonNode seed, JsonNode observedNode, QueryDefaults defaults, long index) {
        if (arch == null || arch.isNull()) {
            throw new QueryException("arch", index, "missing architecture");
        }
        Architecture a;
        try {
            a = asked.parse(arch);
            if (asked instanceof SubSpace sub && asked != surrogate.space()) {
                a = sub.inParent(a);
            }
        } catch (InvalidArchitectureException e) {
            throw new QueryException("arch", index, e.getMessage());
        }
        boolean noisy = defaults.noisy();
        long seedValue = defaults.seed();
        boolean seedGiven = false;
        JsonNode s = seed;
        if (s != null && !s.isNull()) {
            if (!s.isIntegralNumber() || !s.canConvertToLong()) {
                throw new QueryException("seed", index, "must be a whole number, not " + s);
            }
            seedValue = s.longValue();
            noisy = true;
            seedGiven = true;
        }
        double[] observed = defaults.observed();
        JsonNode o = observedNode;
        if (o != null && !o.isNull()) {
            if (!o.isArray()) {
                throw new QueryException("observed", index, "must be an array of numbers, not " + o);
            }
            observed = new double[o.size()];
            for (int i = 0; i < observed.length; i++) {
                if (!o.get(i).isNumber()) {
                    throw new QueryException("observed", index, "element " + i + " is not a number: " + o.get(i));
                }
                observed[i] = o.get(i).doubleValue();
            }
        }
        if (observed.length != surrogate.observedEpochs()) {
            throw new QueryException("observed", index, new ObservedEpochsException(surrogate.observedEpochs(),
                    observed.length).getMessage());
        }
        return new CurveQuery(a, observed, noisy, seedValue, seedGiven, defaults.metrics());
    }

    /** Reads one query from a line of JSON text (see {@link #parse(JsonNode, QueryDefaults, long)}). */
    public CurveQuery parse(String line, QueryDefaults defaults, long index) {
        if (line.isBlank()) {
            throw new QueryException(null, index, "blank line; every line must be an object {\"arch\": ...}");
        }
        SimpleQueryLine simple = SimpleQueryLine.match(line);
        if (simple != null) {
            return parse(TextNode.valueOf(simple.arch()), simple.seedGiven() ? LongNode.valueOf(simple.seed()) : null,
                    null, defaults, index);
        }
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new QueryException(null, index, "not valid JSON: " + e.getOriginalMessage());
        }
        return parse(node, defaults, index);
    }

    /**
     * Appends the answer to {@code query} as one JSON line: {@code {"arch": ..., "seed": s (when the query gave
     * one), "epochs": E, "curve": [...]}}, numbers as {@link AsciiBuffer#appendNumber} writes them.
     */
    void appendJsonLine(AsciiBuffer out, CurveQuery query, double[] curves, int row, int precision) {
        int e = epochs();
        out.append("{\"arch\":");
        JsonNode arch = query.architecture().toJson();
        if (!arch.isTextual() || !out.appendPlainQuoted(arch.textValue())) {
            out.append(archJson(query.architecture()));
        }
        if (query.seedGiven()) {
            out.append(",\"seed\":").append(query.seed());
        }
        out.append(",\"epochs\":").append(e).append(",\"curve\":[");
        int at = row * e;
        for (int i = 0; i < e; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.appendNumber(curves[at + i], precision);
        }
        out.append("]}\n");
    }

    /**
     * Appends the answer to a query with metrics as one JSON line: {@code {"arch": ..., "seed": s (when the query
     * gave one), "epochs": E, "curves": {"metric": [...], ...}}}.
     */
    void appendMetricsJsonLine(AsciiBuffer out, CurveQuery query, java.util.Map<String, LearningCurve> curves,
                               int precision) {
        out.append("{\"arch\":").append(archJson(query.architecture()));
        if (query.seedGiven()) {
            out.append(",\"seed\":").append(query.seed());
        }
        out.append(",\"epochs\":").append(epochs()).append(",\"curves\":{");
        boolean firstMetric = true;
        for (java.util.Map.Entry<String, LearningCurve> c : curves.entrySet()) {
            if (!firstMetric) {
                out.append(',');
            }
            firstMetric = false;
            out.append('"').append(c.getKey()).append("\":[");
            for (int i = 0; i < c.getValue().epochs(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.appendNumber(c.getValue().get(i), precision);
            }
            out.append(']');
        }
        out.append("}}\n");
    }

    /** The answer to one query as a JSON line (with its newline), at the float's shortest precision. */
    public String answerLine(CurveQuery query) {
        AsciiBuffer b;
        if (query.metrics().isEmpty()) {
            double[] curve = curve(query).toArray();
            b = new AsciiBuffer(curve.length * 10 + 64);
            appendJsonLine(b, query, curve, 0, -1);
        } else {
            b = new AsciiBuffer(query.metrics().size() * epochs() * 10 + 64);
            appendMetricsJsonLine(b, query, metricCurves(query), -1);
        }
        return new String(b.toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Curve rows ({@code rows.length / epochs} of them, row-major, as {@link #curveRows} returns them) as the JSON
     * answer {@code {"epochs": E, "curves": [[...], ...]}}, or with {@code metric} given
     * {@code {"epochs": E, "curves": {"metric": [[...], ...]}}}; numbers as the command line writes them
     * ({@code precision} decimals, or -1 for a float's shortest round-trip form). UTF-8 bytes.
     */
    public byte[] curvesJson(double[] rows, String metric, int precision) {
        int e = epochs();
        int n = rows.length / e;
        AsciiBuffer out = new AsciiBuffer(n * (e * (precision < 0 ? 10 : precision + 4) + 4) + 64);
        out.append("{\"epochs\":").append(e).append(",\"curves\":");
        if (metric != null) {
            try {
                out.append('{').append(JSON.writeValueAsString(metric)).append(':');
            } catch (JsonProcessingException x) {
                throw new IllegalStateException(x);
            }
        }
        out.append('[');
        for (int r = 0; r < n; r++) {
            if (r > 0) {
                out.append(',');
            }
            out.append('[');
            int at = r * e;
            for (int i = 0; i < e; i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.appendNumber(rows[at + i], precision);
            }
            out.append(']');
        }
        out.append(']');
        if (metric != null) {
            out.append('}');
        }
        out.append('}');
        return out.toByteArray();
    }

    /**
     * The rows of several metrics (as {@link #metricRows} returns them) as the JSON answer
     * {@code {"epochs": E, "curves": {"metric": [[...], ...], ...}}}; numbers as {@link #curvesJson(double[], String,
     * int)} writes them. UTF-8 bytes.
     */
    public byte[] curvesJson(java.util.Map<String, double[]> rowsByMetric, int precision) {
        int e = epochs();
        int values = rowsByMetric.values().stream().mapToInt(r -> r.length).sum();
        AsciiBuffer out = new AsciiBuffer(values * (precision < 0 ? 10 : precision + 4) + 64);
        out.append("{\"epochs\":").append(e).append(",\"curves\":{");
        boolean firstMetric = true;
        for (java.util.Map.Entry<String, double[]> m : rowsByMetric.entrySet()) {
            if (!firstMetric) {
                out.append(',');
            }
            firstMetric = false;
            out.append('"').append(m.getKey()).append("\":[");
            double[] rows = m.getValue();
            for (int r = 0; r < rows.length / e; r++) {
                if (r > 0) {
                    out.append(',');
                }
                out.append('[');
                for (int i = 0; i < e; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    out.appendNumber(rows[r * e + i], precision);
                }
                out.append(']');
            }
            out.append(']');
        }
        out.append("}}");
        return out.toByteArray();
    }

    /**
     * Curve rows ({@code rows.length / epochs} of them, row-major) as a NumPy {@code .npy} file: a little-endian
     * float32 array {@code [N, epochs]}, as {@code query --output-format npy} writes it.
     */
    public byte[] curvesNpy(double[] rows) {
        int e = epochs();
        byte[] header = BatchQueries.npyHeader(rows.length / e, e);
        AsciiBuffer out = new AsciiBuffer(header.length + rows.length * 4);
        for (byte b : header) {
            out.append((char) (b & 0xff));
        }
        for (double v : rows) {
            out.appendFloat32(v);
        }
        return out.toByteArray();
    }

    private static String archJson(Architecture a) {
        JsonNode json = a.toJson();
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("architecture " + a.canonicalKey() + " has no JSON form", e);
        }
    }
}
