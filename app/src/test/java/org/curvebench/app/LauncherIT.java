package org.curvebench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.curvebench.datasets.simulated.SimulatedNb201Benchmark;
import org.curvebench.datasets.table.CurveTableWriter;
import org.curvebench.surrogate.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code curvebench} launcher script. Run through symbolic links from another folder, it must find the
 * repository where the script really is and run its jar, not build in the caller's folder; its class-data archive
 * must never change what a command prints. It runs the jar already built (with {@code CURVEBENCH_NO_BUILD}, so
 * that a test never starts Maven) and is skipped when there is no bash, no jar, or a jar older than the sources.
 */
class LauncherIT {

    private static Path root;
    private static String bash;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsBashAndBuiltJar() throws IOException {
        bash = onPath("bash");
        assumeTrue(bash != null, "no bash on the PATH");
        // surefire runs in the module's folder; the launcher is in the repository root above it
        root = Path.of("").toAbsolutePath().getParent();
        assumeTrue(root != null && Files.isRegularFile(root.resolve("curvebench")), "no launcher script");
        Path jar = root.resolve("app/target/curvebench.jar");
        assumeTrue(Files.isRegularFile(jar), "no jar built yet (mvn package)");
        assumeTrue(!newerThan(root, Files.getLastModifiedTime(jar)), "the jar is older than the sources");
    }

    @Test
    void symlinkRunFromAnotherFolderUsesTheRepository() throws Exception {
        Path link = Files.createDirectories(dir.resolve("bin")).resolve("curvebench");
        Files.createSymbolicLink(link, root.resolve("curvebench"));
        assertRunsTheRepositoryJar(link, Map.of());
    }

    @Test
    void chainOfRelativeSymlinks() throws Exception {
        Path middle = Files.createDirectories(dir.resolve("links")).resolve("cb");
        Files.createSymbolicLink(middle, root.resolve("curvebench"));
        Path link = Files.createDirectories(dir.resolve("bin")).resolve("curvebench");
        Files.createSymbolicLink(link, Path.of("..", "links", "cb"));
        assertRunsTheRepositoryJar(link, Map.of());
    }

    @Test
    void symlinkWithoutReadlinkF() throws Exception {
        // a readlink that knows no -f, as on older BSDs: the launcher follows the links itself
        String readlink = onPath("readlink");
        assumeTrue(readlink != null, "no readlink on the PATH");
        Path fake = Files.createDirectories(dir.resolve("fakebin")).resolve("readlink");
        Files.writeString(fake, "#!/bin/sh\nif [ \"$1\" = -f ]; then exit 1; fi\nexec " + readlink + " \"$@\"\n");
        assumeTrue(fake.toFile().setExecutable(true), "cannot make a script executable here");
        Path middle = Files.createDirectories(dir.resolve("links")).resolve("cb");
        Files.createSymbolicLink(middle, root.resolve("curvebench"));
        Path link = Files.createDirectories(dir.resolve("bin")).resolve("curvebench");
        Files.createSymbolicLink(link, Path.of("..", "links", "cb"));
        assertRunsTheRepositoryJar(link, Map.of("PATH", fake.getParent() + File.pathSeparator + System.getenv("PATH")));
    }

    private void assertRunsTheRepositoryJar(Path link, Map<String, String> env) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Run r = launch(link, work, env, "--version");
        assertEquals(0, r.code(), "exit code; stderr: " + r.err());
        assertTrue(r.out().startsWith("CurveBench "), "stdout: " + r.out());
        assertFalse(r.err().contains("building"), "stderr: " + r.err());
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(), left.toList(), "the launcher wrote into the caller's folder");
        }
    }

    /**
     * A single query through a copy of the launcher and jar: the first one makes the class-data archive in the
     * background; queries print the same bytes with it, without it, and with a broken archive in its place.
     */
    @Test
    void classDataArchiveIsMadeOnceAndNeverChangesTheOutput() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Path target = Files.createDirectories(repo.resolve("app/target"));
        Path script = Files.copy(root.resolve("curvebench"), repo.resolve("curvebench"));
        Files.copy(root.resolve("app/target/curvebench.jar"), target.resolve("curvebench.jar"));
        Path model = smallModel();
        Path archive = target.resolve("curvebench.jsa");
        String arch = "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|";
        String[] query = {"query", "--model", model.toString(), "--arch", arch};

        Run plain = launch(script, dir, Map.of("CURVEBENCH_NO_CDS", "1"), query);
        assertEquals(0, plain.code(), plain.err());
        assertTrue(plain.out().startsWith("{\"arch\""), plain.out());
        assertFalse(Files.exists(archive), "CURVEBENCH_NO_CDS made an archive");

        Run first = launch(script, dir, Map.of(), query);
        assertEquals(plain, first);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (!Files.exists(archive) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(Files.exists(archive), "no archive 4 minutes after the first query");
        while (Files.exists(target.resolve("curvebench.jsa.lock")) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        try (Stream<Path> files = Files.list(target)) {
            assertEquals(List.of("curvebench.jar", "curvebench.jsa"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "left-overs of making the archive");
        }

        Path classes = dir.resolve("classes.txt");
        Run shared = launch(script, dir, Map.of("CURVEBENCH_JAVA_OPTS", "-Xlog:class+load:file=" + classes), query);
        assertEquals(plain, shared);
        assertTrue(Files.readString(classes).contains("org.curvebench.surrogate.cli.QueryCommand source: shared objects file"),
                "the query did not load its classes from the archive");

        byte[] whole = Files.readAllBytes(archive);
        for (byte[] broken : List.of(Arrays.copyOf(whole, whole.length / 2), new byte[4096])) {
            Files.write(archive, broken);
            assertEquals(plain, launch(script, dir, Map.of(), query),
                    "with a broken archive of " + broken.length + " bytes");
        }
    }

    @Test
    void batchRunsWithTheLaunchersOptionsAnswerAsInProcess() throws Exception {
        Path model = smallModel();
        String a = "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|";
        String b = "|skip_connect~0|+|nor_conv_1x1~0|nor_conv_3x3~1|+|none~0|avg_pool_3x3~1|nor_conv_3x3~2|";
        Path batch = dir.resolve("batch.jsonl");
        Files.writeString(batch, ("{\"arch\": \"" + a + "\"}\n{\"arch\": \"" + b + "\", \"seed\": 4}\n").repeat(50));
        Path expected = dir.resolve("expected.jsonl");
        assertEquals(0, Main.run("query", "--model", model.toString(), "--batch", batch.toString(), "--out",
                expected.toString()));
        String want = Files.readString(expected);
        Path script = root.resolve("curvebench");
        for (String[] args : List.of(
                new String[] {"query", "--model", model.toString(), "--batch", batch.toString()},
                new String[] {"query", "--batch=" + batch, "--model", model.toString()})) {
            Run r = launch(script, dir, Map.of("CURVEBENCH_NO_CDS", "1"), args);
            assertEquals(0, r.code(), r.err());
            assertEquals(want, r.out(), String.join(" ", args));
        }
        Run missing = launch(script, dir, Map.of("CURVEBENCH_NO_CDS", "1"), "query", "--model", model.toString(),
                "--batch", dir.resolve("nothing.jsonl").toString());
        assertTrue(missing.code() != 0, "a missing batch file must fail: " + missing);
        assertTrue(missing.err().contains("nothing.jsonl"), missing.err());
    }

    /** A surrogate fitted on a few simulated curves, written by 'curvebench fit' in this JVM. */
    private Path smallModel() throws IOException {
        Path data = dir.resolve("runs.jsonl.gz");
        CurveTableWriter.write(SimulatedNb201Benchmark.generate(300, 2, 12, 5).dataset(), data);
        Path model = dir.resolve("small.cbs");
        assertEquals(0, Main.run("fit", "--space", "nb201", "--data", data.toString(), "--out", model.toString(),
                "--max-rounds", "20"));
        return model;
    }

    /** Exit code, standard output and standard error of one run of the launcher. */
    record Run(int code, String out, String err) {
    }

    private Run launch(Path script, Path cwd, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(bash, script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.environment().put("CURVEBENCH_NO_BUILD", "1");
        pb.environment().remove("CURVEBENCH_NO_CDS");
        pb.environment().remove("CURVEBENCH_JAVA_OPTS");
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the launcher did not finish in 2 minutes");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Whether a pom, or a main source or its folder, is newer than {@code built} (the launcher's find -newer). */
    private static boolean newerThan(Path root, FileTime built) throws IOException {
        List<Path> inputs = new ArrayList<>();
        inputs.add(root.resolve("pom.xml"));
        try (Stream<Path> modules = Files.list(root)) {
            modules.filter(Files::isDirectory).forEach(m -> {
                inputs.add(m.resolve("pom.xml"));
                inputs.add(m.resolve("src/main"));
            });
        }
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(input)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (Files.getLastModifiedTime(f).compareTo(built) > 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            Path p = Path.of(d, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
