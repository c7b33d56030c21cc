package org.curvebench.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.curvebench.encoding.Architecture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.curvebench.surrogate.cli.Main;
import org.curvebench.surrogate.query.CurveQuery;
import org.curvebench.surrogate.query.QueryDefaults;
import org.curvebench.surrogate.query.QueryService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server end to end over loopback: answers, every refused input, concurrency, npy and a graceful stop. */
class CurveServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final QueryService QUERIES = new QueryService(ServerFixture.SURROGATE);
    private static CurveServer server;

    @BeforeAll
    static void start() throws IOException {
        server = ServerFixture.start(new CurveServer.Limits(200_000, 500, 8));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<byte[]> send(CurveServer s, String method, String path, String body, String accept)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url() + path)).timeout(Duration.ofSeconds(60));
        if (accept != null) {
            b.header("Accept", accept);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> post(String name, String body) throws IOException, InterruptedException {
        return send(server, "POST", "/v1/surrogates/" + name + "/curves", body, null);
    }

    static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        return JSON.readTree(r.body());
    }

    /** The request body for archs[from..to) with every other one given seed i. */
    static String request(int from, int to, boolean seeds) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode a = o.putArray("archs");
        ArrayNode s = seeds ? o.putArray("seeds") : null;
        for (int i = from; i < to; i++) {
            a.add(ServerFixture.ARCHS.get(i));
            if (s != null) {
                if (i % 2 == 0) {
                    s.add(i);
                } else {
                    s.addNull();
                }
            }
        }
        return o.toString();
    }

    static double[] expectedRows(int from, int to, boolean seeds) {
        List<CurveQuery> qs = new ArrayList<>();
        for (int i = from; i < to; i++) {
            var arch = ServerFixture.SURROGATE.space().parse(JSON.getNodeFactory().textNode(ServerFixture.ARCHS.get(i)));
            qs.add(seeds && i % 2 == 0 ? CurveQuery.noisy(arch, i) : CurveQuery.mean(arch));
        }
        return QUERIES.curveRows(qs);
    }

    @Test
    void healthListAndOpenApi() throws Exception {
        HttpResponse<byte[]> h = send(server, "GET", "/healthz", null, null);
        assertEquals(200, h.statusCode());
        assertEquals("ok", json(h).get("status").asText());
        JsonNode list = json(send(server, "GET", "/v1/surrogates", null, null)).get("surrogates");
        assertEquals(1, list.size());
        assertEquals("fixture", list.get(0).get("name").asText());
        assertEquals("nb201", list.get(0).get("manifest").get("space").asText());
        assertEquals(20, list.get(0).get("manifest").get("epochs").asInt());
        JsonNode api = json(send(server, "GET", "/v1/openapi.json", null, null));
        assertTrue(api.get("openapi").asText().startsWith("3.0"));
        assertNotNull(api.get("paths").get("/v1/surrogates/{name}/curves").get("post"));
    }

    @Test
    void curvesAreTheQueryServicesAndTheCommandLines() throws Exception {
        HttpResponse<byte[]> r = post("fixture", request(0, 10, true));
        assertEquals(200, r.statusCode());
        assertArrayEquals(QUERIES.curvesJson(expectedRows(0, 10, true), null, -1), r.body());
        JsonNode answer = json(r);
        assertEquals(20, answer.get("epochs").asInt());
        assertEquals(10, answer.get("curves").size());
        // the command line's answer to arch 0 with seed 0
        String cli = cliQuery("query", "--model", ServerFixture.MODEL.toString(), "--arch", ServerFixture.ARCHS.get(0),
                "--noise", "--seed", "0");
        assertEquals(JSON.readTree(cli).get("curve"), answer.get("curves").get(0));
        String cliMean = cliQuery("query", "--model", ServerFixture.MODEL.toString(), "--arch", ServerFixture.ARCHS.get(1));
        assertEquals(JSON.readTree(cliMean).get("curve"), answer.get("curves").get(1));
    }

    private static synchronized String cliQuery(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertEquals(0, Main.run(args));
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void npyAnswerIsAFloat32Array() throws Exception {
        HttpResponse<byte[]> r = send(server, "POST", "/v1/surrogates/fixture/curves", request(0, 7, true),
                "application/x-npy");
        assertEquals(200, r.statusCode());
        assertEquals("application/x-npy", r.headers().firstValue("Content-Type").orElse(""));
        byte[] b = r.body();
        assertEquals((byte) 0x93, b[0]);
        assertEquals("NUMPY", new String(b, 1, 5, StandardCharsets.US_ASCII));
        int headerLength = (b[8] & 0xff) | (b[9] & 0xff) << 8;
        String header = new String(b, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.contains("'descr': '<f4'") && header.contains("'shape': (7, 20)"), header);
        assertEquals(0, (10 + headerLength) % 64);
        double[] want = expectedRows(0, 7, true);
        ByteBuffer data = ByteBuffer.wrap(b, 10 + headerLength, b.length - 10 - headerLength).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(want.length * 4, data.remaining());
        for (double v : want) {
            assertEquals((float) v, data.getFloat());
        }
    }

    @Test
    void metricsAndUncertainty() throws Exception {
        String archs = "\"archs\":[\"" + ServerFixture.ARCHS.get(0) + "\"]";
        HttpResponse<byte[]> ok = post("fixture", "{" + archs + ",\"metrics\":[\"val_acc\"],\"uncertainty\":false}");
        assertEquals(200, ok.statusCode());
        assertEquals(1, json(ok).get("curves").get("val_acc").size());
        refused(post("fixture", "{" + archs + ",\"metrics\":[\"val_acc\",\"test_acc\"]}"), 422, 1, "test_acc");
        HttpResponse<byte[]> both = post("fixture", "{" + archs + ",\"seeds\":[5],\"metrics\":[\"val_loss\",\"val_acc\"]}");
        assertEquals(200, both.statusCode(), new String(both.body(), StandardCharsets.UTF_8));
        JsonNode curves = json(both).get("curves");
        List<String> names = new ArrayList<>();
        curves.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("val_loss", "val_acc"), names, "in the order asked");
        Architecture a = ServerFixture.SURROGATE.space().parse(JSON.getNodeFactory().textNode(ServerFixture.ARCHS.get(0)));
        var run = ServerFixture.SURROGATE.noisyCurves(a, new double[0], 5, List.of("val_acc", "val_loss"));
        assertEquals((float) run.get("val_loss").get(7), (float) curves.get("val_loss").get(0).get(7).asDouble());
        assertEquals((float) ServerFixture.SURROGATE.noisyCurve(a, 5).get(7),
                (float) curves.get("val_acc").get(0).get(7).asDouble(), "the primary's curve of that seed");
        HttpResponse<byte[]> npy = send(server, "POST", "/v1/surrogates/fixture/curves",
                "{" + archs + ",\"metrics\":[\"val_loss\",\"val_acc\"]}", "application/x-npy");
        refused(npy, 422, -1, "npy");
        refused(post("fixture", "{" + archs + ",\"uncertainty\":true}"), 422, -1, "uncertainty");
        refused(post("fixture", "{" + archs + ",\"metrics\":\"val_acc\"}"), 400, -1, "metrics");
        refused(post("fixture", "{" + archs + ",\"uncertainty\":\"yes\"}"), 400, -1, "uncertainty");
    }

    /** Asserts a refusal: status, {"error", "index"} with the index (-1: null), the message naming {@code word}. */
    static void refused(HttpResponse<byte[]> r, int status, long index, String word) throws IOException {
        String text = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(status, r.statusCode(), text);
        JsonNode e = JSON.readTree(text);
        assertTrue(e.get("error").isTextual(), text);
        assertTrue(e.has("index"), text);
        if (index < 0) {
            assertTrue(e.get("index").isNull(), text);
        } else {
            assertEquals(index, e.get("index").asLong(), text);
        }
        assertTrue(e.get("error").asText().contains(word), text);
        assertFalse(text.contains("Exception") || text.contains("\tat ") || text.contains("org.curvebench"), text);
        assertFalse(e.has("curves"), text);
    }

    @Test
    void everyBadInputIsA4xxAndTheServerCarriesOn() throws Exception {
        String a0 = "\"" + ServerFixture.ARCHS.get(0) + "\"";
        refused(post("fixture", "{\"archs\": [" + a0 + ","), 400, -1, "malformed JSON");
        refused(post("fixture", "not json"), 400, -1, "malformed JSON");
        refused(post("fixture", "[1,2]"), 400, -1, "archs");
        refused(post("nope", "{\"archs\":[" + a0 + "]}"), 404, -1, "nope");
        // an invalid architecture after good ones: its index and the space's message, nothing partial
        refused(post("fixture", "{\"archs\":[" + a0 + "," + a0 + ",\"|nor_conv_3x3~0|+|none~0|\"]}"), 400, 2,
                "NAS-Bench-201");
        refused(post("fixture", "{\"archs\":[" + a0 + ",42]}"), 400, 1, "archs[1]");
        refused(post("fixture", "{\"archs\":" + a0 + "}"), 400, -1, "archs");
        refused(post("fixture", "{}"), 400, -1, "archs");
        refused(post("fixture", "{\"archs\":[" + a0 + "],\"seeds\":[\"x\"]}"), 400, 0, "whole number");
        refused(post("fixture", "{\"archs\":[" + a0 + "],\"seeds\":[3.7]}"), 400, 0, "whole number");
        refused(post("fixture", "{\"archs\":[" + a0 + "],\"seeds\":7}"), 400, -1, "seeds");
        refused(post("fixture", "{\"archs\":[" + a0 + "],\"seeds\":[1,2]}"), 400, -1, "2 entries");
        refused(post("fixture", "{\"archs\":[" + a0 + "],\"observed\":[0.5]}"), 400, 0, "observed");
        refused(post("fixture", "{\"archs\":[" + a0 + "],\"observed\":\"x\"}"), 400, -1, "observed");
        refused(post("fixture", "{\"archs\":[" + a0 + "],\"arch\":1}"), 400, -1, "unknown field 'arch'");
        // over the size limit (200,000 bytes here) and over the batch limit (500 here)
        String big = "{\"archs\":[" + (a0 + ",").repeat(3000) + a0 + "]}";
        refused(post("fixture", big), 413, -1, "limit");
        String many = "{\"archs\":[" + (a0 + ",").repeat(600) + a0 + "]}";
        refused(post("fixture", many), 413, -1, "--max-batch");
        refused(send(server, "GET", "/v1/surrogates/fixture/curves", null, null), 405, -1, "POST");
        refused(send(server, "DELETE", "/healthz", null, null), 405, -1, "GET");
        refused(send(server, "GET", "/v2/nothing", null, null), 404, -1, "/v2/nothing");
        // still serving, and right
        HttpResponse<byte[]> r = post("fixture", request(0, 3, false));
        assertEquals(200, r.statusCode());
        assertArrayEquals(QUERIES.curvesJson(expectedRows(0, 3, false), null, -1), r.body());
        HttpResponse<byte[]> empty = post("fixture", "{\"archs\":[]}");
        assertEquals("{\"epochs\":20,\"curves\":[]}", new String(empty.body(), StandardCharsets.UTF_8));
    }

    @Test
    void concurrentClientsGetTheirOwnAnswers() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 16; c++) {
                int client = c;
                done.add(clients.submit(() -> {
                    for (int k = 0; k < 15; k++) {
                        int from = (client * 7 + k) % 30;
                        int to = from + 1 + (k % 3 == 0 ? 9 : 0);
                        HttpResponse<byte[]> r = post("fixture", request(from, to, true));
                        assertEquals(200, r.statusCode());
                        assertArrayEquals(QUERIES.curvesJson(expectedRows(from, to, true), null, -1), r.body());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void stopFinishesRequestsInFlightThenRefusesConnections() throws Exception {
        CurveServer s = ServerFixture.start(CurveServer.Limits.defaults());
        StringBuilder body = new StringBuilder("{\"archs\":[");
        for (int i = 0; i < 60_000; i++) {
            body.append(i > 0 ? "," : "").append('"').append(ServerFixture.ARCHS.get(i % 40)).append('"');
        }
        body.append("]}");
        CompletableFuture<HttpResponse<byte[]>> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return send(s, "POST", "/v1/surrogates/fixture/curves", body.toString(), "application/x-npy");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (s.inFlight() == 0 && !inFlight.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        s.stop(Duration.ofSeconds(30));
        HttpResponse<byte[]> r = inFlight.get(30, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode());
        assertEquals(60_000L * 20 * 4 + 128, r.body().length);
        Exception refused = assertThrows(Exception.class, () -> send(s, "GET", "/healthz", null, null));
        assertTrue(refused instanceof ConnectException || refused.getCause() instanceof ConnectException
                || refused instanceof IOException, refused.toString());
    }

    @Test
    void defaultsAndQueryParsingMatch() {
        var q = QUERIES.parse(JSON.getNodeFactory().textNode(ServerFixture.ARCHS.get(0)), JSON.getNodeFactory().numberNode(4),
                null, QueryDefaults.means(), 0);
        assertTrue(q.noisy() && q.seed() == 4 && q.seedGiven());
    }
}
