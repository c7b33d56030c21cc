package org.curvebench.surrogate.query;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Answers a stream of JSON Lines queries (see {@link QueryService#parse(String, QueryDefaults, long)}): one output
 * line per input line, in order. Blocks of lines are parsed, predicted on the batch path and formatted on every
 * core while the reader moves on; memory stays bounded by a few blocks for JSON Lines. A bad line stops the run
 * with a {@link QueryException} whose index is its 1-based line number, after every line before it has been
 * written whole; for {@code npy}, whose header holds the row count, nothing is written before all lines are read.
 *
 * @param defaults  what lines that do not say mean
 * @param precision decimals of the JSON numbers, or -1 for a float's shortest round-trip form
 * @param format    JSON Lines or a NumPy array
 * @param threads   workers (at least 1)
 */
public record BatchQueries(QueryDefaults defaults, int precision, OutputFormat format, int threads) {

    /** Lines per block handed to a worker. */
    static final int BLOCK = 1024;

    public BatchQueries {
        if (precision < -1 || precision > AsciiBuffer.MAX_PRECISION) {
            throw new IllegalArgumentException("precision must be -1 (shortest) or 0.." + AsciiBuffer.MAX_PRECISION
                    + ", got " + precision);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** Shortest numbers, JSON Lines, every core. */
    public static BatchQueries defaults(QueryDefaults defaults) {
        return new BatchQueries(defaults, -1, OutputFormat.JSONL, Runtime.getRuntime().availableProcessors());
    }

    /** Answers every line of {@code in} into {@code out}; returns the number of lines answered. */
    public long run(QueryService service, BufferedReader in, OutputStream out) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "curvebench-batch");
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Future<Block>> pending = new ArrayDeque<>();
        List<Block> npy = format == OutputFormat.NPY ? new ArrayList<>() : null;
        Answers memo = new Answers();
        long answered = 0;
        try {
            long lineNo = 0;
            boolean more = true;
            while (more || !pending.isEmpty()) {
                while (more && pending.size() < 2 * threads) {
                    List<String> lines = new ArrayList<>(BLOCK);
                    long first = lineNo + 1;
                    String line;
                    while (lines.size() < BLOCK && (line = in.readLine()) != null) {
                        lines.add(line);
                        lineNo++;
                    }
                    more = lines.size() == BLOCK;
                    if (!lines.isEmpty()) {
                        pending.add(pool.submit(() -> answer(service, lines, first, memo)));
                    }
                }
                if (pending.isEmpty()) {
                    break;
                }
                Block b = await(pending.poll());
                if (npy != null) {
                    npy.add(b);
                } else {
                    b.text.writeTo(out);
                }
                answered += b.rows;
                if (b.error != null) {
                    out.flush();
                    throw b.error;
                }
            }
            if (npy != null) {
                writeNpy(npy, service.epochs(), out);
            }
            out.flush();
            return answered;
        } finally {
            pending.forEach(f -> f.cancel(true));
            pool.shutdownNow();
        }
    }

    private static Block await(Future<Block> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new UncheckedIOException(new IOException(c));
        }
    }

    /** One block's answers: text (or float32 rows) for its good lines, and the error that stopped it, if any. */
    private record Block(AsciiBuffer text, int rows, QueryException error) {
    }

    private Block answer(QueryService service, List<String> lines, long firstLine, Answers memo) {
        List<CurveQuery> queries = new ArrayList<>(lines.size());
        QueryException error = null;
        for (int i = 0; i < lines.size(); i++) {
            try {
                queries.add(service.parse(lines.get(i), defaults, firstLine + i));
            } catch (QueryException e) {
                error = e;
                break;
            }
        }
        if (format == OutputFormat.NPY) {
            for (int r = 0; r < queries.size(); r++) {
                if (!queries.get(r).metrics().isEmpty()) {
                    error = new QueryException("metrics", firstLine + r, "npy output holds one curve per line; ask "
                            + "for several metrics with JSON Lines output");
                    queries = queries.subList(0, r);
                    break;
                }
            }
        }
        int n = queries.size();
        // answers given before in this run are copied; the rest are computed once each
        byte[][] known = new byte[n][];
        String[] keys = new String[n];
        List<CurveQuery> todo = new ArrayList<>(n);
        int[] row = new int[n];
        java.util.Map<String, Integer> firstOfKey = new java.util.HashMap<>();
        for (int r = 0; r < n; r++) {
            CurveQuery q = queries.get(r);
            String key = Answers.key(q);
            keys[r] = key;
            if (key != null) {
                known[r] = memo.get(key);
                if (known[r] != null) {
                    continue;
                }
                Integer first = firstOfKey.putIfAbsent(key, todo.size());
                if (first != null) {
                    row[r] = first;
                    continue;
                }
            }
            row[r] = todo.size();
            todo.add(q);
        }
        int e = service.epochs();
        double[] curves = new double[todo.size() * e];
        if (!todo.isEmpty()) {
            try {
                service.curves(todo, 0, todo.size(), curves);
            } catch (QueryException q) {
                return answerEach(service, queries, firstLine, error);
            }
        }
        AsciiBuffer text = new AsciiBuffer(format == OutputFormat.NPY ? n * e * 4
                : n * (e * (precision < 0 ? 10 : precision + 4) + 96));
        for (int r = 0; r < n; r++) {
            if (known[r] != null) {
                text.append(known[r]);
                continue;
            }
            int start = text.size();
            appendRow(service, text, queries.get(r), curves, row[r]);
            if (keys[r] != null) {
                memo.offer(keys[r], text, start);
            }
        }
        return new Block(text, n, error);
    }

    /** The block answered query by query without the memo, so that an error stops it where it occurs. */
    private Block answerEach(QueryService service, List<CurveQuery> queries, long firstLine, QueryException parseError) {
        int e = service.epochs();
        int n = queries.size();
        QueryException error = parseError;
        double[] curves = new double[n * e];
        try {
            service.curves(queries, 0, n, curves);
        } catch (QueryException q) {
            // the block's answers hold up to the failing query; recompute the good ones
            int bad = (int) q.index();
            error = new QueryException(q.field(), firstLine + bad, q.getMessage());
            queries = queries.subList(0, bad);
            n = bad;
            curves = new double[n * e];
            if (n > 0) {
                service.curves(queries, 0, n, curves);
            }
        }
        AsciiBuffer text = new AsciiBuffer(format == OutputFormat.NPY ? n * e * 4
                : n * (e * (precision < 0 ? 10 : precision + 4) + 96));
        for (int r = 0; r < n; r++) {
            appendRow(service, text, queries.get(r), curves, r);
        }
        return new Block(text, n, error);
    }

    private void appendRow(QueryService service, AsciiBuffer text, CurveQuery query, double[] curves, int row) {
        if (format == OutputFormat.NPY) {
            int e = service.epochs();
            for (int i = row * e; i < (row + 1) * e; i++) {
                text.appendFloat32(curves[i]);
            }
        } else if (query.metrics().isEmpty()) {
            service.appendJsonLine(text, query, curves, row, precision);
        } else {
            service.appendMetricsJsonLine(text, query, service.metricCurves(query), precision);
        }
    }

    /**
     * Answers already written in one run, by architecture: a mean query without observed epochs always gets the
     * same bytes, and a batch over a small space (NB201 has 15,625 cells) repeats architectures. Bounded: once it
     * holds {@link #LIMIT} bytes it takes no more.
     */
    static final class Answers {
        static final long LIMIT = 64L << 20;
        private final java.util.concurrent.ConcurrentHashMap<String, byte[]> answers = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();

        /** The key of a query whose answer depends on its architecture alone, or null. */
        static String key(CurveQuery q) {
            if (q.noisy() || q.observedView().length > 0 || !q.metrics().isEmpty()) {
                return null;
            }
            com.fasterxml.jackson.databind.JsonNode json = q.architecture().toJson();
            return json.isTextual() ? json.textValue() : json.toString();
        }

        byte[] get(String key) {
            return answers.get(key);
        }

        void offer(String key, AsciiBuffer text, int from) {
            int length = text.size() - from;
            if (bytes.get() + length <= LIMIT && !answers.containsKey(key)) {
                bytes.addAndGet(length);
                answers.putIfAbsent(key, text.copy(from, length));
            }
        }
    }

    /** Writes a version 1.0 {@code .npy} file of float32 rows. */
    private static void writeNpy(List<Block> blocks, int epochs, OutputStream out) throws IOException {
        long rows = 0;
        for (Block b : blocks) {
            rows += b.rows;
        }
        out.write(npyHeader(rows, epochs));
        for (Block b : blocks) {
            b.text.writeTo(out);
        }
    }

    /** The header of a little-endian float32 C-order array of shape (rows, epochs), padded to 64 bytes. */
    static byte[] npyHeader(long rows, int epochs) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + epochs + "), }";
        int total = 10 + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        StringBuilder h = new StringBuilder(dict);
        h.append(" ".repeat(padded - total)).append('\n');
        byte[] text = h.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[10 + text.length];
        out[0] = (byte) 0x93;
        System.arraycopy("NUMPY".getBytes(StandardCharsets.US_ASCII), 0, out, 1, 5);
        out[6] = 1;
        out[7] = 0;
        out[8] = (byte) text.length;
        out[9] = (byte) (text.length >>> 8);
        System.arraycopy(text, 0, out, 10, text.length);
        return out;
    }
}
