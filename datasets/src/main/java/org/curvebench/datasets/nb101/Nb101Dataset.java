package org.curvebench.datasets.nb101;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.curvebench.datasets.DataFormatException;
import org.curvebench.datasets.Progress;
import org.curvebench.encoding.InvalidArchitectureException;
import org.curvebench.encoding.nb101.Nb101Cell;

/**
 * NAS-Bench-101's tabular data, loaded by streaming a TFRecord file, and queried as its API does: by cell (any
 * labelling, pruned or not) and budget in epochs. Holds per cell the fixed statistics and per budget the repeats'
 * computed statistics, never the file's bytes. Every cell's module hash is checked against the file's hash.
 */
public final class Nb101Dataset {

    private record Entry(Nb101Cell cell, int trainableParameters, Map<Integer, List<Nb101RepeatStats>> byBudget) {
    }

    private final Map<String, Entry> entries;
    private final Set<Integer> budgets;
    private final long records;

    private Nb101Dataset(Map<String, Entry> entries, Set<Integer> budgets, long records) {
        this.entries = entries;
        this.budgets = Collections.unmodifiableSet(budgets);
        this.records = records;
    }

    /** Loads a NAS-Bench-101 TFRecord file; corrupt or inconsistent records fail naming their byte offset. */
    public static Nb101Dataset load(Path path, Progress progress) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        Set<Integer> budgets = new TreeSet<>();
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
                Entry entry = entries.get(r.hash());
                if (entry == null) {
                    Nb101Cell cell;
                    try {
                        cell = Nb101Cell.of(r.adjacency(), r.ops());
                    } catch (InvalidArchitectureException e) {
                        throw reader.fail(at, "cell " + r.hash() + ": " + e.getMessage());
                    }
                    if (!cell.canonicalKey().equals(r.hash())) {
                        throw reader.fail(at, "the record's hash " + r.hash() + " is not the module hash of its cell, "
                                + cell.canonicalKey() + "; the file is inconsistent");
                    }
                    Map<Integer, List<Nb101RepeatStats>> byBudget = new TreeMap<>();
                    entry = new Entry(cell, r.trainableParameters(), byBudget);
                    entries.put(r.hash(), entry);
                }
                entry.byBudget().computeIfAbsent(r.epochs(), e -> new ArrayList<>(3))
                        .add(Nb101RepeatStats.of(r.evaluations().get(1), r.evaluations().get(2)));
                budgets.add(r.epochs());
                records++;
                progress.advance(reader.offset() - reported);
                reported = reader.offset();
            }
        } finally {
            progress.done();
        }
        if (entries.isEmpty()) {
            throw new DataFormatException(path + ": no records in the file");
        }
        return new Nb101Dataset(entries, budgets, records);
    }

    /** Number of distinct cells. */
    public int size() {
        return entries.size();
    }

    /** Number of records (training runs) read from the file. */
    public long records() {
        return records;
    }

    /** The budgets (epochs) present in the file, ascending. */
    public Set<Integer> budgets() {
        return budgets;
    }

    /** Module hashes of the cells, in file order. */
    public Set<String> hashes() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    /** The metrics of {@code cell} at {@code epochs}; fails when the dataset lacks the cell or the budget. */
    public Nb101Metrics query(Nb101Cell cell, int epochs) {
        return query(cell.canonicalKey(), epochs);
    }

    /** The metrics of the cell with module hash {@code hash} at {@code epochs}. */
    public Nb101Metrics query(String hash, int epochs) {
        Entry e = entries.get(hash);
        if (e == null) {
            throw new IllegalArgumentException("cell " + hash + " is not in this NAS-Bench-101 file (" + size()
                    + " cells); check the adjacency and ops, or load the full file");
        }
        List<Nb101RepeatStats> repeats = e.byBudget().get(epochs);
        if (repeats == null) {
            throw new IllegalArgumentException("cell " + hash + " has no runs at " + epochs + " epochs; this file has "
                    + e.byBudget().keySet() + " for it (nasbench_only108 holds only 108)");
        }
        return new Nb101Metrics(e.cell(), e.trainableParameters(), epochs, List.copyOf(repeats));
    }

    /**
     * Mean final validation accuracy per cell at each of {@code budgets}, for cells that have them all: the lookup
     * NAS-Bench-x11's learning-curve feature needs ({@code Nb101Space.x11Encoder}).
     */
    public Map<String, double[]> meanFinalValidationAccuracies(List<Integer> budgets) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            double[] acc = new double[budgets.size()];
            boolean complete = true;
            for (int i = 0; i < acc.length && complete; i++) {
                List<Nb101RepeatStats> repeats = e.getValue().byBudget().get(budgets.get(i));
                complete = repeats != null;
                if (complete) {
                    acc[i] = repeats.stream().mapToDouble(Nb101RepeatStats::finalValidationAccuracy).average().orElseThrow();
                }
            }
            if (complete) {
                out.put(e.getKey(), acc);
            }
        }
        return out;
    }
}
