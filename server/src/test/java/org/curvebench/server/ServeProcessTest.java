package org.curvebench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.curvebench.surrogate.cli.Main;
import org.junit.jupiter.api.Test;

/** {@code curvebench serve} as a process: the listening line, an answer, exit 0 on SIGTERM; usage errors. */
class ServeProcessTest {

    /** The test class path (surefire's own property where it runs us from a manifest-only jar). */
    static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", classPath(), Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void servesUntilSigtermThenExitsZero() throws Exception {
        Process p = new ProcessBuilder(javaCommand("serve", "--model", "demo=" + ServerFixture.MODEL, "--port", "0"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.matches("listening on http://127\\.0\\.0\\.1:\\d+"), String.valueOf(line));
            String url = line.substring("listening on ".length());
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url
                    + "/v1/surrogates/demo/curves")).timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers
                    .ofString("{\"archs\":[\"" + ServerFixture.ARCHS.get(0) + "\"]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "still running after SIGTERM");
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void modelNamesAndUsageErrors() {
        ServeCommand c = new ServeCommand();
        assertEquals("nb201", c.nameAndPath("/x/y/nb201.cbs")[0]);
        assertEquals("a", c.nameAndPath("a=/x/y/nb201.cbs")[0]);
        assertEquals("/x/y/nb201.cbs", c.nameAndPath("a=/x/y/nb201.cbs")[1]);
        assertEquals(2, Main.run("serve", "--model", ServerFixture.MODEL.toString(), "--port", "70000"));
        assertEquals(1, Main.run("serve", "--model", ServerFixture.DIR.resolve("missing.cbs").toString(), "--port", "0"));
        assertEquals(1, Main.run("serve", "--model", ServerFixture.MODEL.toString(), "--model",
                ServerFixture.MODEL.toString(), "--port", "0"));
    }

    /** A {@code curvebench}-like launcher script running this class path, for clients that start a server. */
    static Path launcher(Path dir) throws IOException {
        Path script = dir.resolve("curvebench-test-launcher");
        StringBuilder s = new StringBuilder("#!/bin/sh\nexec");
        for (String part : javaCommand()) {
            s.append(" '").append(part.replace("'", "'\\''")).append('\'');
        }
        s.append(" \"$@\"\n");
        Files.writeString(script, s.toString());
        assertTrue(script.toFile().setExecutable(true));
        return script;
    }

    static boolean runs(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import json, http.client").redirectErrorStream(true).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static File repoRoot() {
        return Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent().toFile();
    }
}
