package org.curvebench.datasets.nb101;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.curvebench.core.Progress;
import org.curvebench.datasets.DataFormatException;
import org.curvebench.encoding.nb101.Nb101Cell;

/**
 * Loads a NAS-Bench-101 TFRecord file into an {@link Nb101Dataset} on several threads, giving the same dataset, and
 * for a bad file the same error, as {@link Nb101Dataset#loadSequentially}.
 *
 * <p>Three stages: the calling thread reads the file in large chunks and splits them into records (the framing:
 * lengths and their checksums, cheap and sequential); worker threads decode the chunks (the data checksum, the JSON
 * row, the base64 protobuf, and the validity of each cell met for the first time in its chunk); the calling thread
 * then takes the decoded chunks in file order and adds them to the dataset. At most a few chunks are in flight, and
 * their buffers are reused, so memory stays bounded whatever the file's size.
 *
 * <p>Which error is reported does not depend on the threads: a worker records its chunk's first unconditional
 * error (a bad checksum or row) and keeps the outcome of each cell check, and the calling thread throws, in file
 * order, the first error that the one-by-one reading would have thrown. A cell check counts only for a record whose
 * hash is new to the file, as in the one-by-one reading; such a record is always the first of its hash in its
 * chunk, so its check has been done.
 */
final class Nb101Loader {

    /** Bytes read at a time; a chunk holds the whole records within them. */
    static final int CHUNK_BYTES = 2 << 20;

    private static final int STATS = 8;
    /** What the worker did with a record's cell. */
    private static final byte REPEAT = 0;
    private static final byte CHECKED = 1;
    private static final byte FAILED = 2;
    /** Added to the above when the record's hash is not 32 lowercase hex digits (so never a module hash). */
    private static final byte NOT_HEX = 4;

    private final FileChannel channel;
    private final String source;
    private final int chunkBytes;
    private final ArrayDeque<Chunk> free = new ArrayDeque<>();
    /** Decoders and their scratch, one per worker thread at a time. */
    private final ConcurrentLinkedQueue<Worker> workers = new ConcurrentLinkedQueue<>();
    /** The chunk that the next read fills: it already holds the bytes of the record cut by the last chunk's end. */
    private Chunk pending;
    private boolean endOfFile;

    private Nb101Loader(FileChannel channel, String source, int chunkBytes) {
        this.channel = channel;
        this.source = source;
        this.chunkBytes = chunkBytes;
        this.pending = new Chunk(chunkBytes);
    }

    /**
     * Loads {@code path} decoding on {@code threads} worker threads (1: all on the calling thread), reading
     * {@code chunkBytes} at a time.
     */
    static Nb101Dataset load(Path path, Progress progress, int threads, int chunkBytes) throws IOException {
        if (threads < 1 || chunkBytes < TfRecordFraming.HEADER + TfRecordFraming.FOOTER) {
            throw new IllegalArgumentException("threads must be at least 1 and chunks at least 16 bytes, got "
                    + threads + " and " + chunkBytes);
        }
        Nb101Dataset.Builder builder = new Nb101Dataset.Builder();
        progress.start("reading " + path.getFileName(), Files.size(path));
        ExecutorService pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, daemons());
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            Nb101Loader loader = new Nb101Loader(channel, path.toString(), chunkBytes);
            ArrayDeque<Future<Chunk>> inFlight = new ArrayDeque<>();
            int most = 3 * threads;
            long reported = 0;
            for (Chunk chunk = loader.frame(); chunk != null; chunk = loader.frame()) {
                if (pool == null) {
                    loader.decode(chunk);
                    reported = loader.merge(chunk, builder, progress, reported);
                } else {
                    Chunk submitted = chunk;
                    inFlight.add(pool.submit(() -> loader.decode(submitted)));
                    while (inFlight.size() >= most) {
                        reported = loader.merge(take(inFlight.poll()), builder, progress, reported);
                    }
                }
                if (chunk.framingError != null) {
                    break;
                }
            }
            while (!inFlight.isEmpty()) {
                reported = loader.merge(take(inFlight.poll()), builder, progress, reported);
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
            progress.done();
        }
        if (builder.cells() == 0) {
            throw new DataFormatException(path + ": no records in the file");
        }
        return builder.build(path.toString());
    }

    private static ThreadFactory daemons() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "nb101-loader-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static Chunk take(Future<Chunk> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while loading a NAS-Bench-101 file");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** A run of whole records as read from the file, then, once a worker has decoded it, their fields. */
    private static final class Chunk {
        byte[] buffer;
        /** File offset of {@code buffer[0]}. */
        long offset;
        /** Bytes of the buffer holding file data; the bytes at the start carried over from the previous chunk. */
        int filled;
        /** File offset just past the last whole record. */
        long end;
        int count;
        /** Position in the buffer of each record's header. */
        int[] starts = new int[64];
        /** The framing error that ends the file after these records, if any. */
        DataFormatException framingError;

        // decoded by a worker, per record
        long[] hashHigh = new long[0];
        long[] hashLow = new long[0];
        int[] epochs = new int[0];
        int[] parameters = new int[0];
        long[] graphs = new long[0];
        double[] stats = new double[0];
        byte[] kind = new byte[0];
        DataFormatException[] cellErrors = new DataFormatException[0];
        /** Records decoded before the first unconditional error, or {@code count}. */
        int decoded;
        DataFormatException error;

        Chunk(int bytes) {
            buffer = new byte[bytes];
        }

        void addStart(int at) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = at;
        }

        void sizeFields() {
            if (hashHigh.length < count) {
                int n = Math.max(count, hashHigh.length * 3 / 2);
                hashHigh = new long[n];
                hashLow = new long[n];
                epochs = new int[n];
                parameters = new int[n];
                graphs = new long[n];
                stats = new double[n * STATS];
                kind = new byte[n];
                cellErrors = new DataFormatException[n];
            }
        }
    }

    /** Per worker thread: the row decoder and the set of hashes already met in the current chunk. */
    private static final class Worker {
        final Nb101RowDecoder decoder = new Nb101RowDecoder();
        private long[] seenHigh = new long[0];
        private long[] seenLow = new long[0];
        private int[] seenMark = new int[0];
        private int mark;

        void clearSeen(int records) {
            int capacity = Integer.highestOneBit(Math.max(16, records * 2 - 1)) << 1;
            if (seenMark.length < capacity) {
                seenHigh = new long[capacity];
                seenLow = new long[capacity];
                seenMark = new int[capacity];
                mark = 0;
            }
            if (++mark == Integer.MAX_VALUE) {
                Arrays.fill(seenMark, 0);
                mark = 1;
            }
        }

        /** Adds a hash to the set; false if it was in already. */
        boolean see(long high, long low) {
            int mask = seenMark.length - 1;
            int slot = (int) (((high ^ low) * 0x9E3779B97F4A7C15L) >>> 32) & mask;
            while (seenMark[slot] == mark) {
                if (seenHigh[slot] == high && seenLow[slot] == low) {
                    return false;
                }
                slot = (slot + 1) & mask;
            }
            seenMark[slot] = mark;
            seenHigh[slot] = high;
            seenLow[slot] = low;
            return true;
        }
    }

    /**
     * Reads the next chunk and splits it into records; null at the end of the file. A framing error (a bad length
     * or its checksum, a truncated record) ends the chunk, held in it for after its records.
     */
    private Chunk frame() throws IOException {
        Chunk chunk = pending;
        pending = null;
        int filled = chunk.filled;
        if (!endOfFile) {
            ByteBuffer into = ByteBuffer.wrap(chunk.buffer, filled, chunk.buffer.length - filled);
            while (into.hasRemaining()) {
                if (channel.read(into) < 0) {
                    endOfFile = true;
                    break;
                }
            }
            filled = into.position();
        }
        if (filled == 0 && endOfFile) {
            return null;
        }
        chunk.filled = filled;
        chunk.count = 0;
        chunk.framingError = null;
        byte[] b = chunk.buffer;
        int p = 0;
        long need = 0;
        while (p < filled) {
            int left = filled - p;
            long at = chunk.offset + p;
            if (left < TfRecordFraming.HEADER) {
                if (endOfFile) {
                    chunk.framingError = Nb101RowDecoder.fail(source, at, "truncated record: the file ends " + left
                            + " bytes into a 12-byte record header; the file was cut short, download or copy it again");
                }
                need = TfRecordFraming.HEADER;
                break;
            }
            long length = TfRecordFraming.readLong(b, p);
            if (TfRecordFraming.readInt(b, p + 8) != TfRecordFraming.maskedCrc(b, p, 8)) {
                chunk.framingError = Nb101RowDecoder.fail(source, at,
                        "the CRC32C of the record length does not match; the file is corrupt");
                break;
            }
            if (length < 0 || length > Nb101TfRecordReader.MAX_RECORD_BYTES) {
                chunk.framingError = Nb101RowDecoder.fail(source, at, "record length "
                        + Long.toUnsignedString(length) + " exceeds " + Nb101TfRecordReader.MAX_RECORD_BYTES
                        + " bytes; this is not a NAS-Bench-101 TFRecord file");
                break;
            }
            long total = length + TfRecordFraming.HEADER + TfRecordFraming.FOOTER;
            if (left < total) {
                if (endOfFile) {
                    chunk.framingError = Nb101RowDecoder.fail(source, at, "truncated record: expected " + total
                            + " bytes but the file ends after " + left
                            + "; the file was cut short, download or copy it again");
                }
                need = total;
                break;
            }
            chunk.addStart(p);
            p += (int) total;
        }
        chunk.end = chunk.offset + p;
        if (chunk.framingError == null && !(endOfFile && p == filled)) {
            // the bytes after the last whole record start the next chunk
            Chunk next = free.isEmpty() ? new Chunk(chunkBytes) : free.poll();
            int size = (int) Math.max(chunkBytes, need);
            if (next.buffer.length < size || next.buffer.length > chunkBytes && size == chunkBytes) {
                next.buffer = new byte[size];
            }
            System.arraycopy(b, p, next.buffer, 0, filled - p);
            next.filled = filled - p;
            next.offset = chunk.end;
            pending = next;
        } else {
            endOfFile = true;
            pending = new Chunk(0);
        }
        return chunk;
    }

    /** Decodes the records of a chunk (on a worker thread); never throws for bad data, which it records. */
    private Chunk decode(Chunk chunk) {
        Worker worker = workers.poll();
        if (worker == null) {
            worker = new Worker();
        }
        try {
            decode(chunk, worker);
        } finally {
            workers.add(worker);
        }
        return chunk;
    }

    private void decode(Chunk chunk, Worker worker) {
        chunk.sizeFields();
        worker.clearSeen(chunk.count);
        chunk.error = null;
        chunk.decoded = chunk.count;
        for (int i = 0; i < chunk.count; i++) {
            DataFormatException error = decode(chunk, i, worker);
            if (error != null) {
                chunk.error = error;
                chunk.decoded = i;
                break;
            }
        }
    }

    /** Decodes record {@code i} of a chunk into its fields; returns its unconditional error, if any. */
    private DataFormatException decode(Chunk chunk, int i, Worker worker) {
        Nb101RowDecoder decoder = worker.decoder;
        ModelMetricsCodec.Sink metrics = decoder.metrics;
        byte[] b = chunk.buffer;
        int start = chunk.starts[i];
        long at = chunk.offset + start;
        int length = (int) TfRecordFraming.readLong(b, start);
        int data = start + TfRecordFraming.HEADER;
        if (TfRecordFraming.readInt(b, data + length) != TfRecordFraming.maskedCrc(b, data, length)) {
            return Nb101RowDecoder.fail(source, at, "the CRC32C of the record data does not match; the file is corrupt");
        }
        try {
            decoder.decode(b, data, data + length, source, at);
        } catch (DataFormatException e) {
            return e;
        }
        if (metrics.evaluations < 3) {
            return Nb101RowDecoder.fail(source, at, Nb101Dataset.tooFewEvaluations(decoder.hash(), metrics.evaluations));
        }
        chunk.epochs[i] = decoder.epochs();
        int s = i * STATS;
        for (int e = 1; e <= 2; e++) {
            for (int f = 1; f <= 4; f++) {
                chunk.stats[s++] = metrics.value(e, f);
            }
        }
        boolean hex = decoder.hexHash();
        long high = hex ? decoder.hashHigh() : 0;
        long low = hex ? decoder.hashLow() : 0;
        chunk.hashHigh[i] = high;
        chunk.hashLow[i] = low;
        chunk.cellErrors[i] = null;
        if (hex && !worker.see(high, low)) {
            chunk.kind[i] = REPEAT;
        } else {
            check(chunk, i, decoder, at, hex ? 0 : NOT_HEX);
        }
        return null;
    }

    /** Checks the cell of record {@code i}, the first of its hash in the chunk ({@link Nb101Dataset#cellOf}). */
    private void check(Chunk chunk, int i, Nb101RowDecoder decoder, long at, byte hexness) {
        long packed = hexness == 0 ? decoder.packedCell() : -1;
        if (packed >= 0) {
            chunk.graphs[i] = packed;
            chunk.parameters[i] = decoder.metrics.trainableParameters;
            chunk.kind[i] = CHECKED;
            return;
        }
        try {
            Nb101Cell cell = Nb101Dataset.cellOf(decoder.hash(), decoder.adjacency(), decoder.ops(), source, at);
            chunk.graphs[i] = Nb101Dataset.pack(cell);
            chunk.parameters[i] = decoder.metrics.trainableParameters;
            chunk.kind[i] = (byte) (CHECKED | hexness);
        } catch (DataFormatException e) {
            chunk.cellErrors[i] = e;
            chunk.kind[i] = (byte) (FAILED | hexness);
        }
    }

    /**
     * Adds a decoded chunk's records to the dataset in file order, throwing the first error the one-by-one reading
     * would have met in them; then frees the chunk for reuse. Returns the bytes reported to {@code progress}.
     */
    private long merge(Chunk chunk, Nb101Dataset.Builder builder, Progress progress, long reported) {
        for (int i = 0; i < chunk.decoded; i++) {
            int kind = chunk.kind[i] & ~NOT_HEX;
            int cell = (chunk.kind[i] & NOT_HEX) != 0 ? -1 : builder.find(chunk.hashHigh[i], chunk.hashLow[i]);
            if (cell < 0) {
                if (kind == FAILED) {
                    throw chunk.cellErrors[i];
                }
                if (kind != CHECKED) {
                    throw new IllegalStateException("record " + i + " of a chunk has a new hash but was not checked");
                }
                cell = builder.addCell(chunk.hashHigh[i], chunk.hashLow[i], chunk.graphs[i], chunk.parameters[i],
                        chunk.offset + chunk.starts[i]);
            }
            builder.addRepeat(chunk.epochs[i], cell, chunk.stats, i * STATS);
        }
        if (chunk.error != null) {
            throw chunk.error;
        }
        if (chunk.framingError != null) {
            throw chunk.framingError;
        }
        progress.advance(chunk.end - reported);
        reported = chunk.end;
        if (chunk.buffer.length == chunkBytes) {
            free.add(chunk);
        }
        return reported;
    }
}
