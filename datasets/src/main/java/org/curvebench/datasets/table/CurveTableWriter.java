package org.curvebench.datasets.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.curvebench.datasets.ArchitectureRuns;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.core.LearningCurve;
import org.curvebench.datasets.TrainingRun;

/** Writes a dataset as a curve table (gzip when the name ends in {@code .gz}) that {@link CurveTableFormat} reads. */
public final class CurveTableWriter {

    private CurveTableWriter() {
    }

    public static void write(CurveDataset dataset, Path path) throws IOException {
        try (BufferedWriter out = TextFiles.writer(path)) {
            for (ArchitectureRuns a : dataset.architectures()) {
                for (TrainingRun r : a.runs()) {
                    out.write(CurveTableFormat.JSON.writeValueAsString(toJson(r)));
                    out.write('\n');
                }
            }
        }
    }

    static ObjectNode toJson(TrainingRun r) {
        ObjectNode line = CurveTableFormat.JSON.createObjectNode();
        line.set("arch", r.architecture().toJson());
        line.put("seed", r.seed());
        ObjectNode metrics = line.putObject("metrics");
        for (Map.Entry<String, LearningCurve> m : r.metrics().entrySet()) {
            fill(metrics.putArray(m.getKey()), m.getValue());
        }
        r.epochSeconds().ifPresent(s -> fill(line.putArray("epoch_seconds"), s));
        return line;
    }

    private static void fill(ArrayNode array, LearningCurve c) {
        for (int i = 0; i < c.epochs(); i++) {
            array.add(Math.round(c.get(i) * 1e6) / 1e6);
        }
    }
}
