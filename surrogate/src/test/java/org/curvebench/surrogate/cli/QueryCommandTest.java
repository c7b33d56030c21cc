package org.curvebench.surrogate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.curvebench.encoding.nb201.Nb201Space;
import org.curvebench.surrogate.CurveSurrogate;
import org.curvebench.surrogate.SurrogateFiles;
import org.junit.jupiter.api.Test;

/** {@code query} and {@code info} as a user runs them: the batch protocol, its errors, its output formats. */
class QueryCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String A = "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|";
    private static final String B = "|skip_connect~0|+|nor_conv_1x1~0|nor_conv_3x3~1|+|none~0|avg_pool_3x3~1|nor_conv_3x3~2|";

    private static Path batch(String name, String content) throws Exception {
        Path p = CliFixture.DIR.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private static CliTest.Run query(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "query";
        all[1] = "--model";
        all[2] = CliFixture.MODEL.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return CliTest.run(all);
    }

    @Test
    void batchLinesWithSeedsAreNoisyEchoTheSeedAndMatchTheLibrary() throws Exception {
        Path in = batch("seeds.jsonl", "{\"arch\": \"" + A + "\", \"seed\": 3}\n{\"arch\": \"" + A + "\"}\n"
                + "{\"arch\": \"" + B + "\", \"seed\": 7}\n");
        CliTest.Run r = query("--batch", in.toString());
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n", -1);
        assertEquals(4, lines.length, r.out());
        assertEquals("", lines[3]);
        CurveSurrogate s = SurrogateFiles.installed().load(CliFixture.MODEL);
        var nb201 = new Nb201Space();
        JsonNode first = JSON.readTree(lines[0]);
        assertEquals(3, first.get("seed").asLong());
        assertCurve(s.noisyCurve(nb201.parse(A), 3).toArray(), first.get("curve"));
        JsonNode second = JSON.readTree(lines[1]);
        assertTrue(second.get("seed") == null, "no seed given, none echoed: " + lines[1]);
        assertCurve(s.meanCurve(nb201.parse(A)).toArray(), second.get("curve"));
        assertCurve(s.noisyCurve(nb201.parse(B), 7).toArray(), JSON.readTree(lines[2]).get("curve"));

        CliTest.Run single = query("--arch", A, "--noise", "--seed", "3");
        assertEquals(lines[0].replace(",\"seed\":3", ""), single.out().strip());
    }

    /** Numbers are the shortest text that reads back as the model's value rounded to a float. */
    private static void assertCurve(double[] expected, JsonNode curve) {
        assertEquals(expected.length, curve.size());
        for (int e = 0; e < expected.length; e++) {
            assertEquals((float) expected[e], Float.parseFloat(curve.get(e).asText()), 0f, "epoch " + e);
        }
    }

    @Test
    void badSeedsAndBlankLinesAreRejectedWithTheirLine() throws Exception {
        for (String seed : new String[] {"\"x\"", "3.7", "true", "[1]", "1e30"}) {
            Path in = batch("seed.jsonl", "{\"arch\": \"" + A + "\"}\n{\"arch\": \"" + A + "\", \"seed\": " + seed + "}\n");
            CliTest.Run r = query("--batch", in.toString());
            assertEquals(1, r.code(), seed);
            assertTrue(r.err().contains("seed.jsonl:2: field 'seed'"), seed + ": " + r.err());
        }
        Path blank = batch("blank.jsonl", "{\"arch\": \"" + A + "\"}\n\n{\"arch\": \"" + A + "\"}\n");
        CliTest.Run r = query("--batch", blank.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("blank.jsonl:2:") && r.err().contains("blank"), r.err());
    }

    @Test
    void linesBeforeAnErrorAreWrittenWhole() throws Exception {
        StringBuilder sb = new StringBuilder();
        int good = 2500; // more than one block of lines
        for (int i = 0; i < good; i++) {
            sb.append("{\"arch\": \"").append(i % 2 == 0 ? A : B).append("\"}\n");
        }
        sb.append("{\"arch\": \"|bogus~0|\"}\n{\"arch\": \"").append(A).append("\"}\n");
        CliTest.Run r = query("--batch", batch("late.jsonl", sb.toString()).toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("late.jsonl:" + (good + 1) + ": field 'arch'"), r.err());
        assertTrue(r.out().endsWith("\n"), "the last good line must be whole");
        String[] lines = r.out().split("\n");
        assertEquals(good, lines.length);
        for (int i = 0; i < good; i += 499) {
            assertEquals(i % 2 == 0 ? A : B, JSON.readTree(lines[i]).get("arch").asText());
        }
    }

    @Test
    void npyOutputIsAFloat32ArrayInInputOrder() throws Exception {
        Path in = batch("npy.jsonl", "{\"arch\": \"" + A + "\"}\n{\"arch\": \"" + B + "\", \"seed\": 2}\n");
        Path out = CliFixture.DIR.resolve("curves.npy");
        CliTest.Run r = query("--batch", in.toString(), "--output-format", "npy", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        byte[] bytes = Files.readAllBytes(out);
        assertEquals((byte) 0x93, bytes[0]);
        assertEquals("NUMPY", new String(bytes, 1, 5, StandardCharsets.US_ASCII));
        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        assertEquals(0, (10 + headerLength) % 64);
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.contains("'descr': '<f4'") && header.contains("'shape': (2, 20)"), header);
        ByteBuffer data = ByteBuffer.wrap(bytes, 10 + headerLength, bytes.length - 10 - headerLength).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(2 * 20 * 4, data.remaining());
        CurveSurrogate s = SurrogateFiles.installed().load(CliFixture.MODEL);
        var nb201 = new Nb201Space();
        double[] a = s.meanCurve(nb201.parse(A)).toArray();
        double[] b = s.noisyCurve(nb201.parse(B), 2).toArray();
        for (int e = 0; e < 20; e++) {
            assertEquals((float) a[e], data.getFloat(), 0f);
        }
        for (int e = 0; e < 20; e++) {
            assertEquals((float) b[e], data.getFloat(), 0f);
        }
    }

    @Test
    void numpyLoadsTheNpyOutputWhereItIsInstalled() throws Exception {
        Path in = batch("np.jsonl", "{\"arch\": \"" + A + "\"}\n{\"arch\": \"" + B + "\"}\n{\"arch\": \"" + A + "\"}\n");
        Path out = CliFixture.DIR.resolve("np.npy");
        assertEquals(0, query("--batch", in.toString(), "--output-format", "npy", "--out", out.toString()).code());
        String check = "import numpy, sys; a = numpy.load(sys.argv[1]); "
                + "print(a.dtype, a.shape, bool((a[0] == a[2]).all()), repr(float(a[2, 19])))";
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c", check, out.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no python3 here: " + e.getMessage());
            return;
        }
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int code = p.waitFor();
        org.junit.jupiter.api.Assumptions.assumeFalse(said.contains("No module named 'numpy'"), "numpy is not installed");
        assertEquals(0, code, said);
        double last = SurrogateFiles.installed().load(CliFixture.MODEL).meanCurve(new Nb201Space().parse(A)).get(19);
        assertTrue(said.startsWith("float32 (3, 20) True "), said);
        assertEquals((double) (float) last, Double.parseDouble(said.substring(said.lastIndexOf(' ') + 1)), 0.0, said);
    }

    @Test
    void precisionRoundsEveryValue() throws Exception {
        CliTest.Run r = query("--arch", A, "--precision", "2");
        assertEquals(0, r.code(), r.err());
        JsonNode curve = JSON.readTree(r.out()).get("curve");
        double[] exact = SurrogateFiles.installed().load(CliFixture.MODEL).meanCurve(new Nb201Space().parse(A)).toArray();
        String text = r.out().substring(r.out().indexOf("\"curve\":[") + 9, r.out().lastIndexOf(']'));
        for (String v : text.split(",")) {
            assertTrue(v.matches("-?\\d+\\.\\d\\d"), v);
        }
        for (int e = 0; e < exact.length; e++) {
            assertEquals(Math.round(exact[e] * 100) / 100.0, curve.get(e).asDouble(), 1e-9);
        }
    }

    @Test
    void infoPrintsTheFullConfiguration() throws Exception {
        CliTest.Run r = CliTest.run("info", "--model", CliFixture.MODEL.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode m = JSON.readTree(r.out());
        assertEquals("nb201", m.get("space").asText());
        assertEquals("oblivious", m.get("regressor").get("name").asText());
        assertEquals(60, m.get("regressor").get("hyperparameters").get("max_rounds").asInt());
        assertTrue(m.get("regressor").get("fitted").get("trees").asInt() >= 1, r.out());
        assertEquals("sliding-window", m.get("noise").get("name").asText());
        assertEquals("oblivious", m.get("noise").get("hyperparameters").get("spread_regressor").asText());
        assertTrue(m.get("noise").get("fitted").has("autocorrelation"), r.out());
    }

    @Test
    void aDefaultSurrogateHoldsNoLightGbmPart() throws Exception {
        Path model = CliFixture.DIR.resolve("default.cbs");
        CliTest.Run fit = CliTest.run("fit", "--space", "nb201", "--data", CliFixture.TRAIN.toString(), "--out", model.toString());
        assertEquals(0, fit.code(), fit.err());
        String content;
        try (var in = new GZIPInputStream(Files.newInputStream(model))) {
            content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(content.contains("\"oblivious-trees\""), "the default regressor is pure Java");
        assertTrue(!content.contains("\"tree-ensemble\""), "no LightGBM-trained part in a default surrogate");
        JsonNode m = JSON.readTree(CliTest.run("info", "--model", model.toString()).out());
        assertTrue(m.get("regressor").get("fitted").has("selection"), "model selection's choice is recorded: " + m);
    }
}
