package org.curvebench.datasets;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the regular files of a tar archive (POSIX ustar, with GNU long names and pax {@code path} records) from a
 * stream, in archive order. Enough for datasets shipped as {@code .tar} or {@code .tar.gz}; a truncated or malformed
 * archive fails naming the archive and the entry.
 */
public final class TarArchive {

    private static final int BLOCK = 512;

    private TarArchive() {
    }

    /** What a caller does with each regular file: its path inside the archive and its bytes. */
    @FunctionalInterface
    public interface EntryHandler {
        void accept(String name, byte[] content) throws IOException;
    }

    /** Whether {@code header} (at least 512 bytes, the archive's first block) is a tar header. */
    public static boolean looksLikeTar(byte[] header, int length) {
        return length >= BLOCK && new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    }

    /** Calls {@code handler} for every regular file of the archive in {@code in} ({@code source} names it in errors). */
    public static void forEach(InputStream in, String source, EntryHandler handler) throws IOException {
        byte[] header = new byte[BLOCK];
        String longName = null;
        while (true) {
            if (!readBlock(in, header)) {
                return;
            }
            if (isZero(header)) {
                return;
            }
            String name = text(header, 0, 100);
            String prefix = text(header, 345, 155);
            if (!prefix.isEmpty() && new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
                name = prefix + "/" + name;
            }
            long size = size(header, source, name);
            char type = (char) header[156];
            if (size > Integer.MAX_VALUE - 8) {
                throw new IOException(source + "!" + name + ": entry of " + size + " bytes is too large to read");
            }
            byte[] content = readFully(in, (int) size, source, name);
            skip(in, (BLOCK - (int) (size % BLOCK)) % BLOCK, source, name);
            switch (type) {
                case 'L' -> longName = text(content, 0, content.length);
                case 'x' -> {
                    String path = paxPath(content);
                    if (path != null) {
                        longName = path;
                    }
                }
                case '0', '\0', '7' -> {
                    handler.accept(longName != null ? longName : name, content);
                    longName = null;
                }
                default -> longName = null;
            }
        }
    }

    private static String paxPath(byte[] records) {
        String text = new String(records, StandardCharsets.UTF_8);
        int at = 0;
        while (at < text.length()) {
            int space = text.indexOf(' ', at);
            if (space < 0) {
                return null;
            }
            int length;
            try {
                length = Integer.parseInt(text.substring(at, space));
            } catch (NumberFormatException e) {
                return null;
            }
            if (length <= 0 || at + length > text.length()) {
                return null;
            }
            String record = text.substring(space + 1, at + length - 1);
            if (record.startsWith("path=")) {
                return record.substring(5);
            }
            at += length;
        }
        return null;
    }

    private static long size(byte[] header, String source, String name) throws IOException {
        long size = 0;
        for (int i = 124; i < 136; i++) {
            byte b = header[i];
            if (b == 0 || b == ' ') {
                continue;
            }
            if (b < '0' || b > '7') {
                throw new IOException(source + "!" + name + ": malformed tar header (size field is not octal)");
            }
            size = size * 8 + (b - '0');
        }
        return size;
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw new EOFException("the tar archive is truncated (a header block of " + n + " bytes)");
        }
        return true;
    }

    private static byte[] readFully(InputStream in, int size, String source, String name) throws IOException {
        byte[] data = in.readNBytes(size);
        if (data.length < size) {
            throw new IOException(source + "!" + name + ": the tar archive is truncated (" + data.length + " of " + size
                    + " bytes)");
        }
        return data;
    }

    private static void skip(InputStream in, int n, String source, String name) throws IOException {
        if (n > 0 && in.readNBytes(n).length < n) {
            throw new IOException(source + "!" + name + ": the tar archive is truncated");
        }
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] bytes, int from, int length) {
        int end = from;
        while (end < from + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, from, end - from, StandardCharsets.UTF_8);
    }
}
