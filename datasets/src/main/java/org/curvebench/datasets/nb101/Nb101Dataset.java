package org.curvebench.datasets.nb101;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.curvebench.datasets.DataFormatException;
import org.curvebench.core.Progress;
import org.curvebench.encoding.InvalidArchitectureException;
import org.curvebench.encoding.nb101.Nb101Cell;

/**
 * NAS-Bench-101's tabular data, loaded by streaming a TFRecord file, and queried as its API does: by cell (any
 * labelling, pruned or not) and budget in epochs. Holds per cell the fixed statistics and per budget the repeats'
 * computed statistics, never the file's bytes. Every cell's module hash is checked against the file's hash.
 *
 * <p>The layout is compact so that the full 423,624-cell file fits in a modest heap: each pruned cell is packed
 * into one {@code long} (vertex count, edges, operations) and rebuilt on query, and each budget keeps its repeats'
 * eight statistics in one flat {@code double[]} with per-cell chains of repeat indices, instead of objects per record.
 */
public final class Nb101Dataset {

    private static final int STATS = 8;

    private final Map<String, Integer> index;
    private final long[] graphs;
    private final int[] parameters;
    private final Map<Integer, Repeats> byBudget;
    private final long records;

    private Nb101Dataset(Map<String, Integer> index, long[] graphs, int[] parameters, Map<Integer, Repeats> byBudget,
                         long records) {
        this.index = index;
        this.graphs = graphs;
        this.parameters = parameters;
        this.byBudget = byBudget;
        this.records = records;
    }

    /** The repeats of one budget: eight statistics per repeat, chained per cell in file order. */
    private static final class Repeats {
        int[] first = new int[0];
        int[] last = new int[0];
        int[] next = new int[16];
        double[] stats = new double[16 * STATS];
        int size;

        void add(int cell, Nb101RepeatStats s) {
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
            double[] v = {s.halfwayTrainingTime(), s.halfwayTrainAccuracy(), s.halfwayValidationAccuracy(),
                    s.halfwayTestAccuracy(), s.finalTrainingTime(), s.finalTrainAccuracy(),
                    s.finalValidationAccuracy(), s.finalTestAccuracy()};
            System.arraycopy(v, 0, stats, r * STATS, STATS);
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

        void trim() {
            next = Arrays.copyOf(next, size);
            stats = Arrays.copyOf(stats, size * STATS);
        }
    }

    /** Loads a NAS-Bench-101 TFRecord file; corrupt or inconsistent records fail naming their byte offset. */
    public static Nb101Dataset load(Path path, Progress progress) throws IOException {
        Map<String, Integer> index = new LinkedHashMap<>();
        long[] graphs = new long[1024];
        int[] parameters = new int[1024];
        Map<Integer, Repeats> byBudget = new TreeMap<>();
        long records = 0;
        progress.start("reading " + path.getFileName(), Files.size(path));
        try (Nb101TfRecordReader reader = Nb101TfRecordReader.open(path)) {
            long reported = 0;
            for (Optional<Nb101Record> next = reader.next(); next.isPresent(); next = reader.next()) {
                Nb101Record r = next.get();
                long at = reader.recordOffset();
                if (r.evaluations().size() < 3) {
                    throw reader.fail(at, "cell " + r.hash() + " has " + r.evaluations().size()
                            + " evaluations; NAS-Bench-101 records hold 3 (start, halfway, final)");
                }
                Integer cell = index.get(r.hash());
                if (cell == null) {
                    Nb101Cell c;
                    try {
                        c = Nb101Cell.of(r.adjacency(), r.ops());
                    } catch (InvalidArchitectureException e) {
                        throw reader.fail(at, "cell " + r.hash() + ": " + e.getMessage());
                    }
                    if (!c.canonicalKey().equals(r.hash())) {
                        throw reader.fail(at, "the record's hash " + r.hash() + " is not the module hash of its cell, "
                                + c.canonicalKey() + "; the file is inconsistent");
                    }
                    cell = index.size();
                    if (cell == graphs.length) {
                        graphs = Arrays.copyOf(graphs, cell * 2);
                        parameters = Arrays.copyOf(parameters, cell * 2);
                    }
                    graphs[cell] = pack(c);
                    parameters[cell] = r.trainableParameters();
                    index.put(r.hash(), cell);
                }
                byBudget.computeIfAbsent(r.epochs(), e -> new Repeats())
                        .add(cell, Nb101RepeatStats.of(r.evaluations().get(1), r.evaluations().get(2)));
                records++;
                progress.advance(reader.offset() - reported);
                reported = reader.offset();
            }
        } finally {
            progress.done();
        }
        if (index.isEmpty()) {
            throw new DataFormatException(path + ": no records in the file");
        }
        byBudget.values().forEach(Repeats::trim);
        return new Nb101Dataset(index, Arrays.copyOf(graphs, index.size()), Arrays.copyOf(parameters, index.size()),
                byBudget, records);
    }

    /** Bits 0-2: vertices; 3-12: interior op labels, 2 bits each; 13 on: the upper triangle row by row. */
    private static long pack(Nb101Cell c) {
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

    /** Number of distinct cells. */
    public int size() {
        return index.size();
    }

    /** Number of records (training runs) read from the file. */
    public long records() {
        return records;
    }

    /** The budgets (epochs) present in the file, ascending. */
    public Set<Integer> budgets() {
        return Collections.unmodifiableSet(byBudget.keySet());
    }

    /** Module hashes of the cells, in file order. */
    public Set<String> hashes() {
        return Collections.unmodifiableSet(index.keySet());
    }

    /** The metrics of {@code cell} at {@code epochs}; fails when the dataset lacks the cell or the budget. */
    public Nb101Metrics query(Nb101Cell cell, int epochs) {
        return query(cell.canonicalKey(), epochs);
    }

    /** The metrics of the cell with module hash {@code hash} at {@code epochs}. */
    public Nb101Metrics query(String hash, int epochs) {
        Integer cell = index.get(hash);
        if (cell == null) {
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
        return new Nb101Metrics(unpack(graphs[cell]), parameters[cell], epochs, repeats);
    }

    /**
     * Mean final validation accuracy per cell at each of {@code budgets}, for cells that have them all: the lookup
     * NAS-Bench-x11's learning-curve feature needs ({@code Nb101Space.x11Encoder}).
     */
    public Map<String, double[]> meanFinalValidationAccuracies(List<Integer> budgets) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : index.entrySet()) {
            double[] acc = new double[budgets.size()];
            boolean complete = true;
            for (int i = 0; i < acc.length && complete; i++) {
                Repeats repeats = byBudget.get(budgets.get(i));
                complete = repeats != null && repeats.has(e.getValue());
                if (complete) {
                    acc[i] = repeats.meanFinalValidation(e.getValue());
                }
            }
            if (complete) {
                out.put(e.getKey(), acc);
            }
        }
        return out;
    }
}
