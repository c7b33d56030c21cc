package org.curvebench.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class CompressedStreamsTest {

    @TempDir
    Path dir;

    /** Some kilobytes of text that compress. */
    static byte[] text() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            sb.append("{\"line\": ").append(i).append(", \"value\": ").append(Math.sin(i)).append("}\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
            gz.write(content);
        }
        return b.toByteArray();
    }

    /**
     * A zip of one deflated entry {@code name}, its compressed data overwritten with 0xFF (an invalid deflate
     * block) and the central directory left intact, so that the archive opens but the entry cannot be read.
     */
    public static byte[] zipWithDamagedEntry(String name, byte[] content) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(content);
            z.closeEntry();
        }
        byte[] zip = b.toByteArray();
        int data = 30 + name.getBytes(StandardCharsets.UTF_8).length;
        Arrays.fill(zip, data, data + 16, (byte) 0xFF);
        return zip;
    }

    @Test
    void anIntactGzipStreamReadsAsBefore() throws IOException {
        byte[] text = text();
        try (InputStream in = CompressedStreams.gunzip(new ByteArrayInputStream(gzip(text)), "t.gz")) {
            assertArrayEquals(text, in.readAllBytes());
        }
    }

    @Test
    void aTruncatedGzipStreamFailsNamingTheSource() throws IOException {
        byte[] gz = gzip(text());
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        IOException e = assertThrows(IOException.class, () -> {
            try (InputStream in = CompressedStreams.gunzip(new ByteArrayInputStream(cut), "data/t.jsonl.gz")) {
                in.readAllBytes();
            }
        });
        assertTrue(e.getMessage().startsWith("data/t.jsonl.gz is a truncated or damaged gzip file ("),
                e.getMessage());
        IOException header = assertThrows(IOException.class, () -> CompressedStreams.gunzip(
                new ByteArrayInputStream(Arrays.copyOf(gz, 4)), "h.gz"));
        assertTrue(header.getMessage().startsWith("h.gz is a truncated or damaged gzip file"), header.getMessage());
    }

    @Test
    void aTruncatedZipFailsNamingIt() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            z.putNextEntry(new ZipEntry("a.json"));
            z.write(text());
            z.closeEntry();
        }
        byte[] zip = b.toByteArray();
        Path cut = Files.write(dir.resolve("cut.zip"), Arrays.copyOf(zip, zip.length / 2));
        IOException e = assertThrows(IOException.class, () -> CompressedStreams.openZip(cut).close());
        assertTrue(e.getMessage().startsWith(cut + " is not a readable zip archive: it is truncated, damaged"),
                e.getMessage());
    }

    @Test
    void aDamagedZipEntryFailsNamingTheArchiveAndEntry() throws IOException {
        Path path = Files.write(dir.resolve("d.zip"), zipWithDamagedEntry("logs/a.json", text()));
        try (ZipFile zip = CompressedStreams.openZip(path)) {
            ZipEntry entry = zip.getEntry("logs/a.json");
            IOException e = assertThrows(IOException.class, () -> {
                try (InputStream in = CompressedStreams.entry(zip, entry, path + "!logs/a.json")) {
                    in.readAllBytes();
                }
            });
            assertTrue(e.getMessage().startsWith(path + "!logs/a.json is a truncated or damaged zip entry ("),
                    e.getMessage());
        }
    }
}
