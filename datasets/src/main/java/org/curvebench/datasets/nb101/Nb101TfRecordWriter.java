package org.curvebench.datasets.nb101;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Writes NAS-Bench-101 TFRecord files that {@link Nb101TfRecordReader} and NAS-Bench-101's own API read: correct
 * framing and checksums, the JSON row and a protobuf {@code ModelMetrics}. For tests and for generating
 * realistic-size benchmark inputs.
 */
public final class Nb101TfRecordWriter implements Closeable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutputStream out;

    public Nb101TfRecordWriter(OutputStream out) {
        this.out = out;
    }

    public static Nb101TfRecordWriter create(Path path) throws IOException {
        return new Nb101TfRecordWriter(new BufferedOutputStream(Files.newOutputStream(path), 1 << 16));
    }

    /** Writes one record. */
    public void write(Nb101Record record) throws IOException {
        StringBuilder digits = new StringBuilder();
        for (int[] row : record.adjacency()) {
            for (int e : row) {
                digits.append(e);
            }
        }
        ArrayNode row = JSON.createArrayNode();
        row.add(record.hash());
        row.add(record.epochs());
        row.add(digits.toString());
        row.add(String.join(",", record.ops()));
        row.add(Base64.getEncoder().encodeToString(ModelMetricsCodec.encode(record.evaluations(),
                record.trainableParameters(), record.totalTime())));
        try {
            writePayload(JSON.writeValueAsString(row).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code data} with TFRecord framing. */
    public void writePayload(byte[] data) throws IOException {
        byte[] header = new byte[TfRecordFraming.HEADER];
        TfRecordFraming.writeLong(header, 0, data.length);
        TfRecordFraming.writeInt(header, 8, TfRecordFraming.maskedCrc(header, 0, 8));
        byte[] footer = new byte[TfRecordFraming.FOOTER];
        TfRecordFraming.writeInt(footer, 0, TfRecordFraming.maskedCrc(data, 0, data.length));
        out.write(header);
        out.write(data);
        out.write(footer);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
