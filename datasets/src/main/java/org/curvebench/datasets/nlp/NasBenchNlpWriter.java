package org.curvebench.datasets.nlp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.curvebench.datasets.ArchitectureRuns;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.core.LearningCurve;
import org.curvebench.datasets.Metrics;
import org.curvebench.datasets.TrainingRun;

/**
 * Writes runs as NAS-Bench-NLP training logs ({@code log_stats_model_<n>.json} in a folder), so that a split of
 * the logs can be handed to tools that read the original format, such as the NAS-Bench-x11 reference script.
 */
public final class NasBenchNlpWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NasBenchNlpWriter() {
    }

    /** Writes every run of {@code dataset} into {@code folder} (created if needed); returns the number written. */
    public static int write(CurveDataset dataset, Path folder) throws IOException {
        Files.createDirectories(folder);
        int n = 0;
        for (ArchitectureRuns a : dataset.architectures()) {
            for (TrainingRun r : a.runs()) {
                ObjectNode log = JSON.createObjectNode();
                log.put("recepie", JSON.writeValueAsString(r.architecture().toJson()));
                log.put("status", "OK");
                putCurve(log, "val_losses", r, Metrics.VAL_LOSS);
                putCurve(log, "train_losses", r, Metrics.TRAIN_LOSS);
                putCurve(log, "test_losses", r, Metrics.TEST_LOSS);
                r.epochSeconds().ifPresent(s -> fill(log.putArray("wall_times"), s));
                JSON.writeValue(folder.resolve(String.format("log_stats_model_%06d.json", n++)).toFile(), log);
            }
        }
        return n;
    }

    private static void putCurve(ObjectNode log, String field, TrainingRun r, String metric) {
        if (r.has(metric)) {
            fill(log.putArray(field), r.curve(metric));
        }
    }

    private static void fill(ArrayNode array, LearningCurve c) {
        for (int i = 0; i < c.epochs(); i++) {
            array.add(c.get(i));
        }
    }
}
