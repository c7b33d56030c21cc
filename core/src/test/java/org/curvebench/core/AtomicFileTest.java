package org.curvebench.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    private static void assumePosix() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesTheWholeFileAndReturnsTheResult() throws IOException {
        Path target = dir.resolve("out.txt");
        long n = AtomicFile.write(target, temp -> {
            Files.writeString(temp, "hello");
            return 5L;
        });
        assertEquals(5L, n);
        assertEquals("hello", Files.readString(target));
        assertEquals(List.of("out.txt"), names());

        AtomicFile.writeStream(target, out -> out.write("again".getBytes(StandardCharsets.UTF_8)));
        assertEquals("again", Files.readString(target));
        assertEquals(List.of("out.txt"), names());
    }

    @Test
    void aNewFileGetsThePermissionsOfAPlainNewFile() throws IOException {
        assumePosix();
        Path probe = Files.createFile(dir.resolve("probe"));
        Path target = dir.resolve("new.bin");
        AtomicFile.writeStream(target, out -> out.write(1));
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(probe)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void aReplacedFileKeepsItsPermissions() throws IOException {
        assumePosix();
        Path target = Files.writeString(dir.resolve("kept.txt"), "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-r--"));
        AtomicFile.writeStream(target, out -> out.write('x'));
        assertEquals("x", Files.readString(target));
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void aFailedWriteLeavesTheTargetAsItWasAndNoTemporaryFile() throws IOException {
        Path target = Files.writeString(dir.resolve("keep.txt"), "old");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AtomicFile.write(target, temp -> {
            Files.writeString(temp, "half");
            throw new IllegalStateException("bad input");
        }));
        assertEquals("bad input", e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("keep.txt"), names());
    }

    @Test
    void theTemporaryFileEndsWithTheTargetsName() throws IOException {
        Path target = dir.resolve("curves.jsonl.gz");
        String temp = AtomicFile.write(target, t -> t.getFileName().toString());
        assertTrue(temp.startsWith(".") && temp.endsWith("curves.jsonl.gz"), temp);
        assertFalse(temp.equals("curves.jsonl.gz"));
    }

    @Test
    void aFolderAsTargetIsNamedInTheError() throws IOException {
        Path target = Files.createDirectory(dir.resolve("model.cbs"));
        IOException e = assertThrows(IOException.class, () -> AtomicFile.writeStream(target, out -> out.write(1)));
        assertTrue(e.getMessage().contains(target + ": it is a folder, not a file"), e.getMessage());
        assertFalse(e.getMessage().contains(".tmp"), e.getMessage());
        assertTrue(Files.isDirectory(target));
        assertEquals(List.of("model.cbs"), names());
    }

    @Test
    void aMissingFolderIsNamedInTheError() {
        Path target = dir.resolve("absent").resolve("out.jsonl");
        IOException e = assertThrows(IOException.class, () -> AtomicFile.writeStream(target, out -> out.write(1)));
        assertEquals("cannot write " + target + ": the folder " + target.getParent() + " does not exist",
                e.getMessage());
    }

    @Test
    void aFileInPlaceOfTheFolderIsNamedInTheError() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        Path target = file.resolve("out.jsonl");
        IOException e = assertThrows(IOException.class, () -> AtomicFile.writeStream(target, out -> out.write(1)));
        assertTrue(e.getMessage().contains(file + " is a file, not a folder"), e.getMessage());
        IOException created = assertThrows(IOException.class,
                () -> AtomicFile.createParentFolders(file.resolve("deeper").resolve("out.jsonl")));
        assertTrue(created.getMessage().contains(file + " is a file, not a folder"), created.getMessage());
    }

    @Test
    void createParentFoldersMakesTheMissingOnes() throws IOException {
        Path target = dir.resolve("a").resolve("b").resolve("m.cbs");
        AtomicFile.createParentFolders(target);
        AtomicFile.writeStream(target, out -> out.write(new byte[] {1, 2}));
        assertArrayEquals(new byte[] {1, 2}, Files.readAllBytes(target));
    }

    @Test
    void errorsAboutOtherFilesPassUnchanged() {
        NoSuchFileException input = new NoSuchFileException("input.jsonl");
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> AtomicFile.write(dir.resolve("out"), temp -> {
                    throw input;
                }));
        assertSame(input, e);
    }

    @Test
    void errorsAboutTheTemporaryFileNameTheTarget() {
        Path target = dir.resolve("out.bin");
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(target, temp -> {
            Files.delete(temp);
            Files.createDirectory(temp);
            return Files.newOutputStream(temp);
        }));
        assertTrue(e.getMessage().startsWith("cannot write " + target + ": "), e.getMessage());
        assertFalse(e.getMessage().contains(".tmp-"), e.getMessage());
    }
}
