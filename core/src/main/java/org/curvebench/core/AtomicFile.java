package org.curvebench.core;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file whole or not at all: the content goes to a new file in the target's folder, which then replaces
 * the target in one atomic move (a plain move where the file system has none). The new file is made as any new
 * file is, so it gets the permissions the umask gives, not {@link Files#createTempFile}'s owner-only ones; when
 * the target already exists, it keeps the target's permissions. Errors name the target, never the temporary file.
 *
 * <p>The temporary file is named {@code .tmp-<random>-<target's name>}, so that writers that choose a format by
 * the file's extension (gzip for {@code .gz}) see the target's.
 */
public final class AtomicFile {

    /** Writes content to the temporary file it is given and returns what the caller wants back. */
    @FunctionalInterface
    public interface Content<T> {
        T writeTo(Path temp) throws IOException;
    }

    /** Writes content to a stream, which the caller may close or not. */
    @FunctionalInterface
    public interface StreamContent {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final int ATTEMPTS = 100;

    private AtomicFile() {
    }

    /**
     * Writes {@code target} through {@code content}, which gets a new, empty file beside the target and returns a
     * value (such as a count of records) that this returns. If it throws, the target is left as it was.
     */
    public static <T> T write(Path target, Content<T> content) throws IOException {
        Path temp = createTemp(target);
        try {
            T result;
            try {
                result = content.writeTo(temp);
                try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            } catch (FileSystemException e) {
                throw about(target, temp, e);
            }
            move(temp, target);
            return result;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** As {@link #write(Path, Content)}, with a buffered stream to the new file. */
    public static void writeStream(Path target, StreamContent content) throws IOException {
        write(target, temp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                content.writeTo(out);
            }
            return null;
        });
    }

    /**
     * Creates the folders above {@code target} that are missing; an error names the target and says which part
     * of its path is in the way.
     */
    public static void createParentFolders(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || Files.isDirectory(parent)) {
            return;
        }
        for (Path p = parent; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new IOException("cannot write " + target + ": " + p + " is a file, not a folder");
            }
        }
        try {
            Files.createDirectories(parent);
        } catch (FileSystemException e) {
            throw new IOException("cannot write " + target + ": cannot create its folder " + parent + " ("
                    + reason(e) + ")", e);
        }
    }

    /**
     * Fails, naming the target, where a write could not succeed: the target is a folder, or its folder is missing.
     * Lets long work check its output before it starts.
     */
    public static void checkWritable(Path target) throws IOException {
        if (target.getFileName() == null) {
            throw new IOException("cannot write " + target + ": it names no file");
        }
        if (Files.isDirectory(target)) {
            throw new IOException("cannot write " + target + ": it is a folder, not a file; give a file name");
        }
        Path parent = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            throw new IOException("cannot write " + target + ": "
                    + (Files.exists(parent) ? parent + " is a file, not a folder" : "the folder " + parent
                    + " does not exist"));
        }
    }

    /** A new empty file beside the target, under a name no other writer uses; checks the target on the way. */
    private static Path createTemp(Path target) throws IOException {
        checkWritable(target);
        Path name = target.getFileName();
        Path parent = target.toAbsolutePath().getParent();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; ; attempt++) {
            Path temp = parent.resolve(".tmp-" + Long.toHexString(random.nextLong() >>> 16) + "-" + name);
            try {
                Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt < ATTEMPTS) {
                    continue;
                }
                throw new IOException("cannot write " + target + ": no free temporary name in " + parent, e);
            } catch (AccessDeniedException e) {
                throw new IOException("cannot write " + target + ": no permission to create files in " + parent, e);
            } catch (FileSystemException e) {
                throw about(target, temp, e);
            }
            keepPermissions(target, temp);
            return temp;
        }
    }

    /** Gives the new file the permissions of the file it replaces, if there is one (POSIX file systems only). */
    private static void keepPermissions(Path target, Path temp) throws IOException {
        if (!Files.isRegularFile(target)) {
            return;
        }
        PosixFileAttributeView from = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        PosixFileAttributeView to = Files.getFileAttributeView(temp, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (from == null || to == null) {
            return;
        }
        try {
            to.setPermissions(from.readAttributes().permissions());
        } catch (IOException | SecurityException e) {
            // the new file keeps the umask's permissions
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (FileSystemException e) {
            throw about(target, temp, e);
        }
    }

    /**
     * The error {@code e} of a step on {@code temp} or {@code target}, told about the target; errors about other
     * files (the input being read, say) pass unchanged.
     */
    private static IOException about(Path target, Path temp, FileSystemException e) {
        String t = temp.toString();
        if (!t.equals(e.getFile()) && !t.equals(e.getOtherFile()) && !target.toString().equals(e.getFile())
                && !target.toString().equals(e.getOtherFile())) {
            return e;
        }
        if (e instanceof AccessDeniedException) {
            return new IOException("cannot write " + target + ": permission denied", e);
        }
        return new IOException("cannot write " + target + ": " + reason(e).replace(t, target.toString()), e);
    }

    private static String reason(FileSystemException e) {
        return e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
    }
}
