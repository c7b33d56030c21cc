package org.curvebench.datasets.nb101;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.curvebench.core.Progress;
import org.curvebench.datasets.DataFormatException;
import org.curvebench.encoding.InvalidArchitectureException;
import org.curvebench.encoding.nb101.Nb101Cell;

/**
 * NAS-Bench-101's tabular data, loaded from a TFRecord file, and queried as its API does: by cell (any labelling,
 * pruned or not) and budget in epochs. Holds per cell the fixed statistics and per budget the repeats' computed
 * statistics, never the file's bytes.
 *
 * <p>Loading checks every record's checksums and fields and every cell's validity, failing on the first bad record
 * with its byte offset. The module hash the file gives each cell is checked against the cell when the cell is first
 * queried, or for all cells at once by {@link #verifyHashes()}: hashing all 423,624 cells takes several times as
 * long as loading them, and NAS-Bench-101's own API does not check them at all. A wrong hash fails like a bad
 * record, naming the byte offset of the cell's first record.
 *
 * <p>The layout is compact so that the full 423,624-cell file fits in a modest heap: each cell's module hash is
 * kept as its 128-bit value in two {@code long}s with an open-addressing index, each pruned cell is packed into one
 * {@code long} (vertex count, edges, operations) and rebuilt on query, and each budget keeps its repeats' eight
 * statistics in one flat {@code double[]} with per-cell chains of repeat indices, instead of objects per record.
 *
 * <p>{@link #load} decodes the records on all available processors ({@link Nb101Loader}); the result, and the
 * error for a corrupt or inconsistent file, are those of reading the records one by one in file order.
 */
public final class Nb101Dataset {

    private static final int STATS = 8;

    private final String source;
    private final long[] hashHigh;
    private final long[] hashLow;
    private final int[] table;
    private final long[] graphs;
    private final int[] parameters;
    /** Byte offset of each cell's first record, for errors. */
    private final long[] offsets;
    /** 1 once a cell's hash has been checked against the cell (a benign race: at worst it is checked twice). */
    private final byte[] checked;
    private final Map<Integer, Repeats> byBudget;
    private final long records;

    private Nb101Dataset(Builder b, String source) {
        int cells = b.cells;
        this.source = source;
        this.hashHigh = Arrays.copyOf(b.hashHigh, cells);
        this.hashLow = Arrays.copyOf(b.hashLow, cells);
        this.table = b.table;
        this.graphs = Arrays.copyOf(b.graphs, cells);
        this.parameters = Arrays.copyOf(b.parameters, cells);
        this.offsets = Arrays.copyOf(b.offsets, cells);
        this.checked = new byte[cells];
        b.byBudget.values().forEach(r -> r.trim(cells));
        this.byBudget = b.byBudget;
        this.records = b.records;
    }

    /** The repeats of one budget: eight statistics per repeat, chained per cell in file order. */
    private static final class Repeats {
        int[] first = new int[0];
        int[] last = new int[0];
        int[] next = new int[16];
        double[] stats = new double[16 * STATS];
        int size;

        /** Adds a repeat of {@code cell} with the statistics {@code values[at..at + 8)}. */
        void add(int cell, double[] values, int at) {
            if (cell >= first.length) {
                int old = first.length;
                first = Arrays.copyOf(first, Math.max(cell + 1, old * 2));
                last = Arrays.copyOf(last, first.length);
                Arrays.fill(first, old, first.length, -1);
                Arrays.fill(last, old, last.length, -1);
            }
            if (size == next.length) {
                next = Arrays.copyOf(next, size * 2);
                stats = Arrays.copyOf(stats, size * 2 * STATS);
            }
            int r = size++;
            next[r] = -1;
            System.arraycopy(values, at, stats, r * STATS, STATS);
            if (first[cell] < 0) {
                first[cell] = r;
            } else {
                next[last[cell]] = r;
            }
            last[cell] = r;
        }

        /** The repeats of {@code cell}, or null when it has none at this budget. */
        List<Nb101RepeatStats> of(int cell) {
            if (!has(cell)) {
                return null;
            }
            List<Nb101RepeatStats> out = new ArrayList<>(3);
            for (int r = first[cell]; r >= 0; r = next[r]) {
                int o = r * STATS;
                out.add(new Nb101RepeatStats(stats[o], stats[o + 1], stats[o + 2], stats[o + 3], stats[o + 4],
                        stats[o + 5], stats[o + 6], stats[o + 7]));
            }
            return out;
        }

        boolean has(int cell) {
            return cell < first.length && first[cell] >= 0;
        }

        /** Mean final validation accuracy of {@code cell}'s repeats; the cell must have some ({@link #has}). */
        double meanFinalValidation(int cell) {
            double sum = 0;
            int n = 0;
            for (int r = first[cell]; r >= 0; r = next[r]) {
                sum += stats[r * STATS + 6];
                n++;
            }
            return sum / n;
        }

        /** Drops the spare capacity and what only adding needs, once all {@code cells} are in. */
        void trim(int cells) {
            if (first.length > cells) {
                first = Arrays.copyOf(first, cells);
            }
            last = null;
            next = Arrays.copyOf(next, size);
            stats = Arrays.copyOf(stats, size * STATS);
        }
    }

    /**
     * Builds a dataset from records in file order: cells by module-hash value, each budget's repeats. Not
     * thread-safe; the loaders feed it from one thread.
     */
    static final class Builder {
        private long[] hashHigh = new long[1024];
        private long[] hashLow = new long[1024];
        private long[] graphs = new long[1024];
        private int[] parameters = new int[1024];
        private long[] offsets = new long[1024];
        /** Open addressing: cell + 1 at the slot of its hash, 0 for an empty slot. */
        private int[] table = new int[2048];
        private int cells;
        private final Map<Integer, Repeats> byBudget = new TreeMap<>();
        private Repeats lastRepeats;
        private int lastBudget;
        private long records;

        /** The cell with this module-hash value, or -1. */
        int find(long high, long low) {
            return Nb101Dataset.find(table, hashHigh, hashLow, high, low);
        }

        /** Adds a new cell (its hash must not be in yet) first met at byte {@code offset}; returns its index. */
        int addCell(long high, long low, long graph, int trainableParameters, long offset) {
            int cell = cells++;
            if (cell == graphs.length) {
                int capacity = cell * 2;
                hashHigh = Arrays.copyOf(hashHigh, capacity);
                hashLow = Arrays.copyOf(hashLow, capacity);
                graphs = Arrays.copyOf(graphs, capacity);
                parameters = Arrays.copyOf(parameters, capacity);
                offsets = Arrays.copyOf(offsets, capacity);
            }
            hashHigh[cell] = high;
            hashLow[cell] = low;
            graphs[cell] = graph;
            parameters[cell] = trainableParameters;
            offsets[cell] = offset;
            if (cells * 2 > table.length) {
                table = new int[table.length * 2];
                for (int c = 0; c < cell; c++) {
                    put(table, hashHigh[c], hashLow[c], c);
                }
            }
            put(table, high, low, cell);
            return cell;
        }

        /** Adds a repeat of {@code cell} at {@code epochs} with the statistics {@code values[at..at + 8)}. */
        void addRepeat(int epochs, int cell, double[] values, int at) {
            if (lastRepeats == null || lastBudget != epochs) {
                lastRepeats = byBudget.computeIfAbsent(epochs, e -> new Repeats());
                lastBudget = epochs;
            }
            lastRepeats.add(cell, values, at);
            records++;
        }

        int cells() {
            return cells;
        }

        /** The dataset of the cells and repeats added, read from {@code source} (named in errors). */
        Nb101Dataset build(String source) {
            return new Nb101Dataset(this, source);
        }

        private static void put(int[] table, long high, long low, int cell) {
            int mask = table.length - 1;
            int slot = slot(high, low) & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = cell + 1;
        }
    }

    private static int slot(long high, long low) {
        long h = (high ^ low) * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32);
    }

    private static int find(int[] table, long[] hashHigh, long[] hashLow, long high, long low) {
        int mask = table.length - 1;
        for (int slot = slot(high, low) & mask; table[slot] != 0; slot = (slot + 1) & mask) {
            int cell = table[slot] - 1;
            if (hashHigh[cell] == high && hashLow[cell] == low) {
                return cell;
            }
        }
        return -1;
    }

    /** Loads a NAS-Bench-101 TFRecord file; corrupt or inconsistent records fail naming their byte offset. */
    public static Nb101Dataset load(Path path, Progress progress) throws IOException {
        return Nb101Loader.load(path, progress, Runtime.getRuntime().availableProcessors(), Nb101Loader.CHUNK_BYTES);
    }

    /**
     * Loads the file one record at a time through {@link Nb101TfRecordReader} on the calling thread: the plain
     * reading that {@link #load} must agree with, kept as the reference for tests.
     */
    static Nb101Dataset loadSequentially(Path path, Progress progress) throws IOException {
        Builder builder = new Builder();
        double[] stats = new double[STATS];
        String source = path.toString();
        progress.start("reading " + path.getFileName(), Files.size(path));
        try (Nb101TfRecordReader reader = Nb101TfRecordReader.open(path)) {
            long reported = 0;
            for (Optional<Nb101Record> next = reader.next(); next.isPresent(); next = reader.next()) {
                Nb101Record r = next.get();
                long at = reader.recordOffset();
                if (r.evaluations().size() < 3) {
                    throw reader.fail(at, tooFewEvaluations(r.hash(), r.evaluations().size()));
                }
                String hash = r.hash();
                boolean hex = isHex(hash);
                long high = hex ? Long.parseUnsignedLong(hash.substring(0, 16), 16) : 0;
                long low = hex ? Long.parseUnsignedLong(hash.substring(16), 16) : 0;
                int cell = hex ? builder.find(high, low) : -1;
                if (cell < 0) {
                    Nb101Cell c = cellOf(hash, r.adjacency(), r.ops(), source, at);
                    cell = builder.addCell(high, low, pack(c), r.trainableParameters(), at);
                }
                Nb101Evaluation halfway = r.evaluations().get(1);
                Nb101Evaluation last = r.evaluations().get(2);
                stats[0] = halfway.trainingTime();
                stats[1] = halfway.trainAccuracy();
                stats[2] = halfway.validationAccuracy();
                stats[3] = halfway.testAccuracy();
                stats[4] = last.trainingTime();
                stats[5] = last.trainAccuracy();
                stats[6] = last.validationAccuracy();
                stats[7] = last.testAccuracy();
                builder.addRepeat(r.epochs(), cell, stats, 0);
                progress.advance(reader.offset() - reported);
                reported = reader.offset();
            }
        } finally {
            progress.done();
        }
        if (builder.cells() == 0) {
            throw new DataFormatException(path + ": no records in the file");
        }
        return builder.build(source);
    }

    /** Whether {@code hash} is 32 lowercase hex digits, as every module hash is. */
    private static boolean isHex(String hash) {
        if (hash.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char ch = hash.charAt(i);
            if (!(ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** The message for a record with too few evaluations. */
    static String tooFewEvaluations(String hash, int evaluations) {
        return "cell " + hash + " has " + evaluations + " evaluations; NAS-Bench-101 records hold 3 (start, halfway, "
                + "final)";
    }

    /**
     * The pruned cell of a record's adjacency and ops, which must be a valid NAS-Bench-101 cell, given with a hash
     * that could be a module hash (32 lowercase hex digits); throws {@link DataFormatException} naming the record
     * at byte {@code at} of {@code source} otherwise. Whether it is the cell's module hash is checked later
     * ({@link #checkHash}).
     */
    static Nb101Cell cellOf(String hash, int[][] adjacency, List<String> ops, String source, long at) {
        Nb101Cell c;
        try {
            c = Nb101Cell.of(adjacency, ops);
        } catch (InvalidArchitectureException e) {
            throw Nb101RowDecoder.fail(source, at, "cell " + hash + ": " + e.getMessage());
        }
        if (!isHex(hash)) {
            throw wrongHash(source, at, hash, c);
        }
        return c;
    }

    private static DataFormatException wrongHash(String source, long at, String hash, Nb101Cell c) {
        return Nb101RowDecoder.fail(source, at, "the record's hash " + hash + " is not the module hash of its cell, "
                + c.canonicalKey() + "; the file is inconsistent");
    }

    /** Checks, once, that the file's hash of {@code cell} is the module hash of {@code c}, its unpacked graph. */
    private void checkHash(int cell, Nb101Cell c) {
        if (checked[cell] == 0) {
            String hash = hashOf(cell);
            if (!c.canonicalKey().equals(hash)) {
                throw wrongHash(source, offsets[cell], hash, c);
            }
            checked[cell] = 1;
        }
    }

    /**
     * Checks every cell's module hash against the hash the file gives it, on all available processors; throws
     * {@link DataFormatException} for the first cell in file order whose hash is wrong, naming the byte offset of
     * its first record. Queries check the cells they return in any case; this checks the whole file at once.
     */
    public void verifyHashes() {
        int wrong = IntStream.range(0, size()).parallel().filter(cell -> {
            try {
                checkHash(cell, unpack(graphs[cell]));
                return false;
            } catch (DataFormatException e) {
                return true;
            }
        }).min().orElse(-1);
        if (wrong >= 0) {
            checkHash(wrong, unpack(graphs[wrong]));
        }
    }

    /** Bits 0-2: vertices; 3-12: interior op labels, 2 bits each; 13 on: the upper triangle row by row. */
    static long pack(Nb101Cell c) {
        int n = c.vertices();
        long bits = n;
        int[] labels = c.labels();
        for (int v = 1; v < n - 1; v++) {
            bits |= (long) labels[v] << (3 + 2 * (v - 1));
        }
        int k = 13;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++, k++) {
                if (c.edge(i, j)) {
                    bits |= 1L << k;
                }
            }
        }
        return bits;
    }

    private static Nb101Cell unpack(long bits) {
        int n = (int) (bits & 7);
        int[] labels = new int[n];
        labels[0] = Nb101Cell.INPUT_LABEL;
        labels[n - 1] = Nb101Cell.OUTPUT_LABEL;
        for (int v = 1; v < n - 1; v++) {
            labels[v] = (int) (bits >>> (3 + 2 * (v - 1)) & 3);
        }
        int[][] adjacency = new int[n][n];
        int k = 13;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++, k++) {
                adjacency[i][j] = (int) (bits >>> k & 1);
            }
        }
        return Nb101Cell.fromLabels(adjacency, labels);
    }

    /** The cell with module hash {@code hash}, or -1. */
    private int indexOf(String hash) {
        if (!isHex(hash)) {
            return -1;
        }
        return find(table, hashHigh, hashLow, Long.parseUnsignedLong(hash.substring(0, 16), 16),
                Long.parseUnsignedLong(hash.substring(16), 16));
    }

    private String hashOf(int cell) {
        return Nb101RowDecoder.hex(hashHigh[cell], hashLow[cell]);
    }

    /** Number of distinct cells. */
    public int size() {
        return hashHigh.length;
    }

    /** Number of records (training runs) read from the file. */
    public long records() {
        return records;
    }

    /** The budgets (epochs) present in the file, ascending. */
    public Set<Integer> budgets() {
        return Collections.unmodifiableSet(byBudget.keySet());
    }

    /**
     * Module hashes of the cells as the file gives them, in file order: an unmodifiable view that makes each string
     * as it is read.
     */
    public Set<String> hashes() {
        return new AbstractSet<>() {
            @Override
            public Iterator<String> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size();
                    }

                    @Override
                    public String next() {
                        if (next >= size()) {
                            throw new NoSuchElementException();
                        }
                        return hashOf(next++);
                    }
                };
            }

            @Override
            public int size() {
                return Nb101Dataset.this.size();
            }

            @Override
            public boolean contains(Object o) {
                return o instanceof String s && indexOf(s) >= 0;
            }
        };
    }

    /** The metrics of {@code cell} at {@code epochs}; fails when the dataset lacks the cell or the budget. */
    public Nb101Metrics query(Nb101Cell cell, int epochs) {
        return query(cell.canonicalKey(), epochs);
    }

    /**
     * The metrics of the cell with module hash {@code hash} at {@code epochs}; fails with
     * {@link DataFormatException} when the file gives that hash to a cell whose module hash it is not.
     */
    public Nb101Metrics query(String hash, int epochs) {
        int cell = indexOf(hash);
        if (cell < 0) {
            throw new IllegalArgumentException("cell " + hash + " is not in this NAS-Bench-101 file (" + size()
                    + " cells); check the adjacency and ops, or load the full file");
        }
        Repeats budget = byBudget.get(epochs);
        List<Nb101RepeatStats> repeats = budget == null ? null : budget.of(cell);
        if (repeats == null) {
            List<Integer> has = new ArrayList<>();
            byBudget.forEach((b, rs) -> {
                if (rs.has(cell)) {
                    has.add(b);
                }
            });
            throw new IllegalArgumentException("cell " + hash + " has no runs at " + epochs + " epochs; this file has "
                    + has + " for it (nasbench_only108 holds only 108)");
        }
        Nb101Cell c = unpack(graphs[cell]);
        checkHash(cell, c);
        return new Nb101Metrics(c, parameters[cell], epochs, repeats);
    }

    /**
     * Mean final validation accuracy per cell at each of {@code budgets}, for cells that have them all: the lookup
     * NAS-Bench-x11's learning-curve feature needs ({@code Nb101Space.x11Encoder}).
     */
    public Map<String, double[]> meanFinalValidationAccuracies(List<Integer> budgets) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int cell = 0; cell < size(); cell++) {
            double[] acc = new double[budgets.size()];
            boolean complete = true;
            for (int i = 0; i < acc.length && complete; i++) {
                Repeats repeats = byBudget.get(budgets.get(i));
                complete = repeats != null && repeats.has(cell);
                if (complete) {
                    acc[i] = repeats.meanFinalValidation(cell);
                }
            }
            if (complete) {
                out.put(hashOf(cell), acc);
            }
        }
        return out;
    }
}
