package org.curvebench.datasets.nb101;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.datasets.CurveScreening;
import org.curvebench.datasets.DataFormatException;
import org.curvebench.datasets.DatasetFormat;
import org.curvebench.core.Progress;
import org.curvebench.datasets.TrainingRun;
import org.curvebench.encoding.InvalidArchitectureException;
import org.curvebench.encoding.SearchSpace;
import org.curvebench.encoding.nb101.Nb101Cell;

/**
 * NAS-Bench-101's TFRecord files as training runs: each record of the chosen budget (108 epochs unless told
 * otherwise) is one run, its repeats the seeds, its curve the accuracies at the recorded evaluations (the start,
 * halfway and end of training), as fractions 0..1. The file is streamed record by record.
 *
 * @param budget the training budget in epochs whose records are read; the others are passed over
 */
public record Nb101TfRecordFormat(int budget) implements DatasetFormat {

    public static final String NAME = "nb101-tfrecord";

    /** The 108-epoch budget, the only one in {@code nasbench_only108.tfrecord}. */
    public Nb101TfRecordFormat() {
        this(108);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "NAS-Bench-101 TFRecord (nasbench_only108.tfrecord, nasbench_full.tfrecord): the 108-epoch runs";
    }

    @Override
    public CurveDataset read(Path path, SearchSpace space, Progress progress) throws IOException {
        List<TrainingRun> runs = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        Map<String, Integer> repeats = new HashMap<>();
        progress.start("reading " + path.getFileName(), -1);
        try (Nb101TfRecordReader reader = Nb101TfRecordReader.open(path)) {
            Optional<Nb101Record> next;
            while ((next = reader.next()).isPresent()) {
                Nb101Record r = next.get();
                progress.advance(1);
                if (r.epochs() != budget) {
                    continue;
                }
                String source = path + " @ byte " + reader.recordOffset();
                Nb101Cell cell;
                try {
                    cell = (Nb101Cell) space.parse(cellJson(r));
                } catch (InvalidArchitectureException | ClassCastException e) {
                    throw new DataFormatException(source + ": record of " + r.hash() + ": " + e.getMessage());
                }
                int seed = repeats.merge(r.hash(), 1, Integer::sum) - 1;
                runs.add(Nb101Runs.of(cell, seed, r.evaluations()));
                sources.add(source);
            }
        } finally {
            progress.done();
        }
        if (runs.isEmpty()) {
            throw new DataFormatException(path + ": no records of the " + budget + "-epoch budget");
        }
        CurveScreening screening = CurveScreening.of(runs.stream().map(TrainingRun::metrics).toList());
        List<TrainingRun> kept = new ArrayList<>(runs.size());
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            String problem = screening.problem(runs.get(i).metrics());
            if (problem == null) {
                kept.add(runs.get(i));
            } else {
                skipped.add(sources.get(i) + ": skipped: " + problem);
            }
        }
        return CurveDataset.fromRuns(space, kept, skipped);
    }

    private static com.fasterxml.jackson.databind.JsonNode cellJson(Nb101Record r) {
        var json = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        var node = json.objectNode();
        var adjacency = node.putArray("adjacency");
        for (int[] row : r.adjacency()) {
            var a = adjacency.addArray();
            for (int v : row) {
                a.add(v);
            }
        }
        var ops = node.putArray("ops");
        r.ops().forEach(ops::add);
        return node;
    }
}
