package org.curvebench.datasets.nb101;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.curvebench.datasets.DataFormatException;

/**
 * Streams the records of a NAS-Bench-101 TFRecord file ({@code nasbench_only108.tfrecord},
 * {@code nasbench_full.tfrecord}) one at a time, holding only the current record in memory. Both CRC32C checksums
 * of every record are verified; a truncated or corrupt record fails with a {@link DataFormatException} naming the
 * record's byte offset.
 *
 * <p>Each record's data is the JSON array {@code [hash, epochs, adjacency, ops, metrics]}: the adjacency as
 * row-major 0/1 digits, the ops comma-separated, the metrics a base64 {@code ModelMetrics} protobuf.
 */
public final class Nb101TfRecordReader implements Closeable {

    /** Records larger than this are taken as a corrupt length rather than allocated. */
    static final long MAX_RECORD_BYTES = 64L << 20;

    private final InputStream in;
    private final String source;
    private final Nb101RowDecoder decoder = new Nb101RowDecoder();
    private final byte[] header = new byte[TfRecordFraming.HEADER];
    private final byte[] footer = new byte[TfRecordFraming.FOOTER];
    private long offset;
    private long recordOffset = -1;

    /** Reads records from {@code in}; {@code source} names it in errors. */
    public Nb101TfRecordReader(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    public static Nb101TfRecordReader open(Path path) throws IOException {
        return new Nb101TfRecordReader(new BufferedInputStream(Files.newInputStream(path), 1 << 16), path.toString());
    }

    /** Bytes consumed so far: the offset of the next record. */
    public long offset() {
        return offset;
    }

    /** Byte offset of the record last returned, or -1 before the first. */
    public long recordOffset() {
        return recordOffset;
    }

    /** The next record's data bytes with both checksums verified, or empty at the end of the file. */
    public Optional<byte[]> nextPayload() throws IOException {
        long start = offset;
        int got = readFully(header);
        if (got == 0) {
            return Optional.empty();
        }
        if (got < header.length) {
            throw fail(start, "truncated record: the file ends " + got + " bytes into a 12-byte record header; "
                    + "the file was cut short, download or copy it again");
        }
        long length = TfRecordFraming.readLong(header, 0);
        if (TfRecordFraming.readInt(header, 8) != TfRecordFraming.maskedCrc(header, 0, 8)) {
            throw fail(start, "the CRC32C of the record length does not match; the file is corrupt");
        }
        if (length < 0 || length > MAX_RECORD_BYTES) {
            throw fail(start, "record length " + Long.toUnsignedString(length) + " exceeds " + MAX_RECORD_BYTES
                    + " bytes; this is not a NAS-Bench-101 TFRecord file");
        }
        byte[] data = new byte[(int) length];
        int gotData = readFully(data);
        int gotFooter = gotData == data.length ? readFully(footer) : 0;
        if (gotData < data.length || gotFooter < footer.length) {
            throw fail(start, "truncated record: expected " + (length + TfRecordFraming.HEADER + TfRecordFraming.FOOTER)
                    + " bytes but the file ends after " + (TfRecordFraming.HEADER + gotData + gotFooter)
                    + "; the file was cut short, download or copy it again");
        }
        if (TfRecordFraming.readInt(footer, 0) != TfRecordFraming.maskedCrc(data, 0, data.length)) {
            throw fail(start, "the CRC32C of the record data does not match; the file is corrupt");
        }
        recordOffset = start;
        return Optional.of(data);
    }

    /** The next decoded record, or empty at the end of the file. */
    public Optional<Nb101Record> next() throws IOException {
        Optional<byte[]> payload = nextPayload();
        if (payload.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(decode(payload.get()));
    }

    private Nb101Record decode(byte[] data) {
        decoder.decode(data, 0, data.length, source, recordOffset);
        return decoder.record();
    }

    /** An error about the record at {@code at}. */
    DataFormatException fail(long at, String message) {
        return Nb101RowDecoder.fail(source, at, message);
    }

    private int readFully(byte[] buffer) throws IOException {
        int total = 0;
        while (total < buffer.length) {
            int n = in.read(buffer, total, buffer.length - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        offset += total;
        return total;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
