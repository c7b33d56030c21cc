package org.curvebench.surrogate.cli;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code curvebench} launcher script. Run through symbolic links from another folder, it must find the
 * repository where the script really is and run its jar, not build in the caller's folder. It runs the jar already built (with {@code CURVEBENCH_NO_BUILD}, so
 * that a test never starts Maven) and is skipped when there is no bash, no jar, or a jar older than the sources.
 */
class LauncherTest {

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
        Path jar = root.resolve("surrogate/target/curvebench.jar");
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
