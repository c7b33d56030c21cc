package org.curvebench.datasets;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads gzip files and zip archives so that damage is reported as such, naming the file: Java's own errors
 * ("Unexpected end of ZLIB input stream", "invalid stored block lengths", "zip END header not found") say neither
 * which file nor that it is truncated or damaged.
 */
public final class CompressedStreams {

    private CompressedStreams() {
    }

    /**
     * The decompressed content of the gzip stream {@code raw} (of the file {@code source}); reading fails with an
     * {@link IOException} that names the source when the data end early or are corrupt.
     */
    public static InputStream gunzip(InputStream raw, String source) throws IOException {
        try {
            return new Damage(new GZIPInputStream(raw, 1 << 16), source, "gzip file");
        } catch (EOFException | ZipException e) {
            throw damaged(source, "gzip file", e);
        }
    }

    /** Opens the zip archive {@code zip}; an archive that is not one, or is truncated, fails naming it. */
    public static ZipFile openZip(Path zip) throws IOException {
        try {
            return new ZipFile(zip.toFile());
        } catch (ZipException | EOFException e) {
            throw new IOException(zip + " is not a readable zip archive: it is truncated, damaged or of another "
                    + "format (" + e.getMessage() + ")", e);
        }
    }

    /** The content of one entry of {@code zip}, whose damage is reported naming {@code source} (archive!entry). */
    public static InputStream entry(ZipFile zip, ZipEntry entry, String source) throws IOException {
        try {
            return new Damage(zip.getInputStream(entry), source, "zip entry");
        } catch (EOFException | ZipException e) {
            throw damaged(source, "zip entry", e);
        }
    }

    private static IOException damaged(String source, String what, IOException cause) {
        return new IOException(source + " is a truncated or damaged " + what + " (" + cause.getMessage() + ")",
                cause);
    }

    /** Translates the errors of a decompressing stream into ones that name the source. */
    private static final class Damage extends FilterInputStream {

        private final String source;
        private final String what;

        Damage(InputStream in, String source, String what) {
            super(in);
            this.source = source;
            this.what = what;
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (EOFException | ZipException e) {
                throw damaged(source, what, e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (EOFException | ZipException e) {
                throw damaged(source, what, e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return in.skip(n);
            } catch (EOFException | ZipException e) {
                throw damaged(source, what, e);
            }
        }

        @Override
        public int available() throws IOException {
            try {
                return in.available();
            } catch (EOFException | ZipException e) {
                throw damaged(source, what, e);
            }
        }
    }
}
