package org.curvebench.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.curvebench.surrogate.query.CurveQuery;
import org.curvebench.surrogate.query.QueryDefaults;
import org.curvebench.surrogate.query.QueryException;
import org.curvebench.surrogate.query.QueryService;

/**
 * Surrogates over HTTP/JSON on the JDK's built-in server ({@code com.sun.net.httpserver}) with a bounded pool of
 * handler threads. Every answer is computed whole before its first byte is sent, so a request that fails halfway
 * returns nothing partial; a refused request gets a 4xx with {@code {"error", "index", "field"}} and never a stack
 * trace. Endpoints: {@code GET /healthz}, {@code GET /v1/surrogates}, {@code POST /v1/surrogates/{name}/curves},
 * {@code GET /v1/openapi.json}.
 */
public final class CurveServer implements AutoCloseable {

    /**
     * How much one request may ask for and how many run at once.
     *
     * @param maxRequestBytes largest request body accepted (413 above)
     * @param maxBatch        most architectures in one request (413 above)
     * @param threads         handler threads; further requests wait in a bounded queue
     */
    public record Limits(long maxRequestBytes, int maxBatch, int threads) {

        public Limits {
            if (maxRequestBytes < 1 || maxBatch < 1 || threads < 1) {
                throw new IllegalArgumentException("limits must be positive: " + maxRequestBytes + ", " + maxBatch
                        + ", " + threads);
            }
        }

        /** 64 MiB requests, 100,000 architectures a request, 16 threads. */
        public static Limits defaults() {
            return new Limits(64L << 20, 100_000, 16);
        }
    }

    static final String JSON_TYPE = "application/json; charset=utf-8";
    static final String NPY_TYPE = "application/x-npy";
    private static final Set<String> FIELDS = Set.of("archs", "seeds", "observed", "metrics", "uncertainty");
    /** Most bytes of a refused request's body read and dropped before the connection is closed instead. */
    private static final long DRAIN_LIMIT = 1L << 30;
    private static final String CURVES_PREFIX = "/v1/surrogates/";
    private static final String CURVES_SUFFIX = "/curves";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, NamedSurrogate> surrogates = new LinkedHashMap<>();
    private final Limits limits;
    private final HttpServer http;
    private final ThreadPoolExecutor pool;
    private final byte[] surrogateList;
    private final byte[] openApi;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong served = new AtomicLong();
    private final AtomicBoolean stopped = new AtomicBoolean();

    private CurveServer(List<NamedSurrogate> models, InetSocketAddress address, Limits limits) throws IOException {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("serve needs at least one surrogate");
        }
        for (NamedSurrogate m : models) {
            if (surrogates.putIfAbsent(m.name(), m) != null) {
                throw new IllegalArgumentException("two surrogates are named '" + m.name() + "'; name them with "
                        + "--model NAME=PATH");
            }
        }
        this.limits = limits;
        this.surrogateList = listJson();
        try (InputStream in = CurveServer.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the server's resources");
            }
            this.openApi = in.readAllBytes();
        }
        // small answers leave at once rather than wait for the client's delayed acknowledgement
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.http = HttpServer.create(address, 256);
        AtomicInteger ids = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(limits.threads(), limits.threads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1024), r -> {
                    Thread t = new Thread(r, "curvebench-http-" + ids.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        http.setExecutor(pool);
        http.createContext("/", this::handle);
    }

    /** Binds {@code host:port} (port 0: a free port) and starts answering. */
    public static CurveServer start(List<NamedSurrogate> models, String host, int port, Limits limits)
            throws IOException {
        CurveServer server = new CurveServer(models, new InetSocketAddress(host, port), limits);
        server.http.start();
        return server;
    }

    /** The address the server listens on (with the port it picked when asked for port 0). */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    /** {@code http://HOST:PORT} of this server. */
    public String url() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + a.getPort();
    }

    /** Requests being handled now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Requests answered so far (any status). */
    public long served() {
        return served.get();
    }

    /**
     * Stops accepting connections, lets the requests in flight finish (at most {@code grace}), then closes every
     * connection and the handler pool. Idempotent.
     */
    public void stop(Duration grace) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        // HttpServer.stop closes the listener at once, then waits for exchanges; on JDK 17 it waits the whole delay
        // when none is open, so it runs aside while this thread watches the handlers and ends it with stop(0)
        Thread closer = new Thread(() -> http.stop((int) Math.max(1, grace.toSeconds())), "curvebench-http-stop");
        closer.setDaemon(true);
        closer.start();
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            http.stop(0);
            closer.join(2000);
            pool.shutdown();
            pool.awaitTermination(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }

    /** One answer: status, content type, the whole body. */
    private record Response(int status, String type, byte[] body) {
    }

    private void handle(HttpExchange ex) {
        inFlight.incrementAndGet();
        try {
            Response r;
            // whether the request body was read to its end (HttpExchange attributes are shared by the context)
            boolean[] bodyRead = {false};
            try {
                r = route(ex, bodyRead);
            } catch (ApiError e) {
                r = error(e.status, e.getMessage(), e.field, e.index);
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                System.err.println("curvebench serve: internal error on " + ex.getRequestMethod() + " "
                        + ex.getRequestURI().getPath() + ": " + e);
                r = error(500, "internal error: " + e.getClass().getSimpleName(), null, null);
            }
            ex.getResponseHeaders().set("Content-Type", r.type());
            if (!bodyRead[0] && hasBody(ex)) {
                bodyRead[0] = drain(ex);
            }
            if (r.status() >= 400 && !bodyRead[0] && hasBody(ex)) {
                // a body left unread (refused before or while reading it) ends the connection: say so, so that no
                // client sends its next request down a connection about to close
                ex.getResponseHeaders().set("Connection", "close");
            }
            if (r.status() == 405) {
                ex.getResponseHeaders().set("Allow", ex.getRequestURI().getPath().endsWith(CURVES_SUFFIX) ? "POST" : "GET");
            }
            ex.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(r.body());
            }
        } catch (IOException | UncheckedIOException e) {
            // the client went away; nothing to answer
        } finally {
            ex.close();
            served.incrementAndGet();
            inFlight.decrementAndGet();
        }
    }

    /**
     * Reads and drops what is left of a refused request's body (up to {@link #DRAIN_LIMIT} bytes), so that the
     * client, which may still be sending it, reads the refusal rather than a reset connection.
     */
    private static boolean drain(HttpExchange ex) {
        try {
            InputStream in = ex.getRequestBody();
            byte[] buf = new byte[65536];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > DRAIN_LIMIT) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false; // the client went away
        }
    }

    private static boolean hasBody(HttpExchange ex) {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        return ex.getRequestHeaders().containsKey("Transfer-Encoding") || (length != null && !length.trim().equals("0"));
    }

    private Response route(HttpExchange ex, boolean[] bodyRead) {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        switch (path) {
            case "/healthz":
                requireMethod(method, "GET");
                return json(200, ("{\"status\":\"ok\",\"surrogates\":" + surrogates.size() + "}").getBytes());
            case "/v1/surrogates":
                requireMethod(method, "GET");
                return json(200, surrogateList);
            case "/v1/openapi.json":
                requireMethod(method, "GET");
                return json(200, openApi);
            default:
                break;
        }
        if (path.startsWith(CURVES_PREFIX) && path.endsWith(CURVES_SUFFIX)
                && path.length() > CURVES_PREFIX.length() + CURVES_SUFFIX.length()) {
            String name = path.substring(CURVES_PREFIX.length(), path.length() - CURVES_SUFFIX.length());
            requireMethod(method, "POST");
            NamedSurrogate s = surrogates.get(name);
            if (s == null) {
                throw new ApiError(404, "unknown surrogate '" + name + "'; this server has: "
                        + String.join(", ", surrogates.keySet()));
            }
            byte[] body = readBody(ex, bodyRead);
            String accept = ex.getRequestHeaders().getFirst("Accept");
            boolean npy = accept != null && accept.contains(NPY_TYPE);
            return curves(s, body, npy);
        }
        throw new ApiError(404, "no endpoint " + path + "; see /v1/openapi.json");
    }

    private static void requireMethod(String method, String expected) {
        if (!expected.equals(method)) {
            throw new ApiError(405, "method " + method + " not allowed here; use " + expected);
        }
    }

    private byte[] readBody(HttpExchange ex, boolean[] bodyRead) {
        long max = limits.maxRequestBytes();
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        int initial = 8192;
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw new ApiError(400, "bad Content-Length: " + length);
            }
            if (declared > max) {
                throw tooLarge(declared);
            }
            initial = (int) Math.max(0, declared);
        }
        try {
            // left open: a refused body is drained before the answer (see drain)
            InputStream in = ex.getRequestBody();
            ByteArrayOutputStream out = new ByteArrayOutputStream(initial);
            byte[] buf = new byte[65536];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > max) {
                    throw tooLarge(total);
                }
                out.write(buf, 0, n);
            }
            bodyRead[0] = true;
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ApiError tooLarge(long bytes) {
        return new ApiError(413, "request of " + bytes + " bytes is over the limit of " + limits.maxRequestBytes()
                + " bytes (--max-request-mb)");
    }

    private Response curves(NamedSurrogate s, byte[] body, boolean npy) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ApiError(400, "malformed JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ApiError(400, "expected a JSON object {\"archs\": [...]}");
        }
        root.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw new ApiError(400, "unknown field '" + f + "'; known fields: archs, seeds, observed, metrics, "
                        + "uncertainty", f, null);
            }
        });
        JsonNode archs = root.get("archs");
        if (archs == null || !archs.isArray()) {
            throw new ApiError(400, "'archs' must be an array of architectures, not " + kind(archs), "archs", null);
        }
        int n = archs.size();
        if (n > limits.maxBatch()) {
            throw new ApiError(413, n + " architectures in one request; the limit is " + limits.maxBatch()
                    + " (--max-batch)", "archs", null);
        }
        List<String> metrics = metrics(s, root.get("metrics"));
        JsonNode uncertainty = root.get("uncertainty");
        if (uncertainty != null && !uncertainty.isNull()) {
            if (!uncertainty.isBoolean()) {
                throw new ApiError(400, "'uncertainty' must be true or false, not " + uncertainty, "uncertainty", null);
            }
            if (uncertainty.booleanValue()) {
                throw new ApiError(422, "surrogate '" + s.name() + "' has no uncertainty estimates", "uncertainty",
                        null);
            }
        }
        JsonNode seeds = perArch(root.get("seeds"), "seeds", n, false);
        JsonNode observed = root.get("observed");
        boolean observedPerArch = false;
        if (observed != null && !observed.isNull()) {
            if (!observed.isArray()) {
                throw new ApiError(400, "'observed' must be an array of numbers (for every architecture) or of "
                        + "arrays (one per architecture), not " + kind(observed), "observed", null);
            }
            observedPerArch = observed.size() > 0 && (observed.get(0).isArray() || observed.get(0).isNull());
            if (observedPerArch) {
                perArch(observed, "observed", n, true);
            }
        }
        QueryService service = s.queries();
        QueryDefaults defaults = QueryDefaults.means();
        List<CurveQuery> queries = new ArrayList<>(n);
        boolean several = metrics != null && !metrics.equals(List.of(s.surrogate().metric()));
        if (several && npy) {
            throw new ApiError(422, "an npy answer holds the curves of one metric; ask for several metrics as JSON",
                    "metrics", null);
        }
        double[] rows = null;
        java.util.Map<String, double[]> byMetric = null;
        try {
            for (int i = 0; i < n; i++) {
                JsonNode seed = seeds == null ? null : seeds.get(i);
                JsonNode obs = observed == null ? null : observedPerArch ? observed.get(i) : observed;
                queries.add(service.parse(archs.get(i), seed, obs, defaults, i));
            }
            if (several) {
                byMetric = service.metricRows(queries, metrics);
            } else {
                rows = service.curveRows(queries);
            }
        } catch (QueryException e) {
            String field = e.field() == null ? null : switch (e.field()) {
                case "arch" -> "archs";
                case "seed" -> "seeds";
                default -> e.field();
            };
            Long index = e.index() < 0 ? null : e.index();
            String where = field == null ? "" : field + (index == null ? "" : "[" + index + "]") + ": ";
            throw new ApiError(400, where + e.getMessage(), field, index);
        }
        if (several) {
            return json(200, service.curvesJson(byMetric, -1));
        }
        if (npy) {
            return new Response(200, NPY_TYPE, service.curvesNpy(rows));
        }
        return json(200, service.curvesJson(rows, metrics == null ? null : metrics.get(0), -1));
    }

    /** The metrics a request names (null when it names none), refused unless the surrogate has each. */
    private static List<String> metrics(NamedSurrogate s, JsonNode metrics) {
        if (metrics == null || metrics.isNull()) {
            return null;
        }
        if (!metrics.isArray() || metrics.isEmpty()) {
            throw new ApiError(400, "'metrics' must be a non-empty array of metric names, not " + metrics, "metrics",
                    null);
        }
        List<String> has = s.surrogate().metrics();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < metrics.size(); i++) {
            JsonNode m = metrics.get(i);
            if (!m.isTextual()) {
                throw new ApiError(400, "'metrics' must hold metric names, not " + m, "metrics", (long) i);
            }
            if (!has.contains(m.textValue())) {
                throw new ApiError(422, "surrogate '" + s.name() + "' has no metric '" + m.textValue()
                        + "'; it predicts " + String.join(", ", has), "metrics", (long) i);
            }
            if (!names.contains(m.textValue())) {
                names.add(m.textValue());
            }
        }
        return names;
    }

    /** A per-architecture array ({@code null} when absent), checked for its length. */
    private static JsonNode perArch(JsonNode node, String field, int n, boolean arrays) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new ApiError(400, "'" + field + "' must be null or an array with one entry per architecture, not "
                    + kind(node), field, null);
        }
        if (node.size() != n) {
            throw new ApiError(400, "'" + field + "' has " + node.size() + " entries for " + n + " architectures",
                    field, null);
        }
        if (arrays) {
            for (int i = 0; i < n; i++) {
                if (!node.get(i).isArray() && !node.get(i).isNull()) {
                    throw new ApiError(400, "'" + field + "' entry " + i + " must be an array of numbers or null, not "
                            + node.get(i), field, (long) i);
                }
            }
        }
        return node;
    }

    private static String kind(JsonNode node) {
        if (node == null) {
            return "missing";
        }
        String text = node.toString();
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " "
                + (text.length() > 60 ? text.substring(0, 60) + "..." : text);
    }

    private byte[] listJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("surrogates");
        for (NamedSurrogate s : surrogates.values()) {
            ObjectNode o = list.addObject();
            o.put("name", s.name());
            ArrayNode names = o.putArray("metrics");
            s.surrogate().metrics().forEach(names::add);
            o.put("uncertainty", false);
            o.set("manifest", JSON.valueToTree(s.surrogate().manifest()));
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response json(int status, byte[] body) {
        return new Response(status, JSON_TYPE, body);
    }

    private static Response error(int status, String message, String field, Long index) {
        ObjectNode o = JSON.createObjectNode();
        o.put("error", message);
        if (index == null) {
            o.putNull("index");
        } else {
            o.put("index", index);
        }
        if (field != null) {
            o.put("field", field);
        }
        try {
            return json(status, JSON.writeValueAsBytes(o));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
