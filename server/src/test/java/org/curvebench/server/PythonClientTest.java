package org.curvebench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.curvebench.surrogate.query.CurveQuery;
import org.curvebench.surrogate.query.QueryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python client's unit tests (python/tests) against a server started here, with Debian's python3 (standard
 * library only) and with the python3 on PATH (numpy where installed); skipped with a message where neither runs.
 */
class PythonClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void pythonClientTestsPass() throws Exception {
        Set<String> pythons = new LinkedHashSet<>();
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            if (ServeProcessTest.runs(candidate)) {
                pythons.add(candidate.startsWith("/") ? candidate : which(candidate));
            }
        }
        assumeTrue(!pythons.isEmpty(), "skipped: no python3 to run python/tests with");
        File root = ServeProcessTest.repoRoot();
        Path expected = writeExpected();
        Path launcher = ServeProcessTest.launcher(dir);
        try (CurveServer server = ServerFixture.start(CurveServer.Limits.defaults())) {
            for (String python : pythons) {
                ProcessBuilder pb = new ProcessBuilder(python, "-m", "unittest", "discover", "-s", "python/tests", "-v")
                        .directory(root).redirectErrorStream(true);
                pb.environment().put("PYTHONPATH", new File(root, "python").getPath());
                pb.environment().put("CURVEBENCH_URL", server.url());
                pb.environment().put("CURVEBENCH_EXPECTED", expected.toString());
                pb.environment().put("CURVEBENCH_MODEL", ServerFixture.MODEL.toString());
                pb.environment().put("CURVEBENCH", launcher.toString());
                Process p = pb.start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                boolean done = p.waitFor(120, TimeUnit.SECONDS);
                if (!done) {
                    p.destroyForcibly();
                }
                System.out.println("python/tests with " + python + ":\n" + out);
                assertEquals(0, done ? p.exitValue() : -1, python + " failed:\n" + out);
            }
        }
    }

    private static String which(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(d, command);
            if (f.canExecute()) {
                try {
                    return f.getCanonicalPath();
                } catch (java.io.IOException e) {
                    return f.getPath();
                }
            }
        }
        return command;
    }

    /** Architectures, seeds (every third one null) and the curves the Java query service gives them. */
    private Path writeExpected() throws Exception {
        QueryService queries = new QueryService(ServerFixture.SURROGATE);
        ObjectNode o = JSON.createObjectNode();
        ArrayNode archs = o.putArray("archs");
        ArrayNode seeds = o.putArray("seeds");
        List<CurveQuery> qs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String a = ServerFixture.ARCHS.get(i);
            archs.add(a);
            var arch = ServerFixture.SURROGATE.space().parse(JSON.getNodeFactory().textNode(a));
            if (i % 3 == 0) {
                seeds.addNull();
                qs.add(CurveQuery.mean(arch));
            } else {
                seeds.add(i * 10);
                qs.add(CurveQuery.noisy(arch, i * 10));
            }
        }
        o.setAll((ObjectNode) JSON.readTree(queries.curvesJson(queries.curveRows(qs), null, -1)));
        Path file = dir.resolve("expected.json");
        Files.writeString(file, o.toString());
        return file;
    }
}
