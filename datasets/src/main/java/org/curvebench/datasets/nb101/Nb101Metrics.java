package org.curvebench.datasets.nb101;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.curvebench.encoding.nb101.Nb101Cell;

/**
 * The answer to a NAS-Bench-101 query, like the API's {@code get_metrics_from_spec}: the cell's fixed statistics
 * (pruned cell, hash, trainable parameters) and the computed statistics of each repeat at one budget.
 */
public record Nb101Metrics(Nb101Cell cell, int trainableParameters, int epochs, List<Nb101RepeatStats> repeats) {

    public Nb101Metrics {
        repeats = List.copyOf(repeats);
    }

    public String hash() {
        return cell.canonicalKey();
    }

    /** Mean final validation accuracy over the repeats. */
    public double meanFinalValidationAccuracy() {
        return repeats.stream().mapToDouble(Nb101RepeatStats::finalValidationAccuracy).average().orElse(Double.NaN);
    }

    /**
     * JSON in NAS-Bench-101's field names: {@code {"module_hash", "module_adjacency", "module_operations",
     * "trainable_parameters", "epochs", "computed_stats": [{"halfway_training_time", ...}, ...]}}.
     */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("module_hash", hash());
        node.set("module_adjacency", cell.toJson().get("adjacency"));
        node.set("module_operations", cell.toJson().get("ops"));
        node.put("trainable_parameters", trainableParameters);
        node.put("epochs", epochs);
        ArrayNode stats = node.putArray("computed_stats");
        for (Nb101RepeatStats r : repeats) {
            ObjectNode s = stats.addObject();
            s.put("halfway_training_time", r.halfwayTrainingTime());
            s.put("halfway_train_accuracy", r.halfwayTrainAccuracy());
            s.put("halfway_validation_accuracy", r.halfwayValidationAccuracy());
            s.put("halfway_test_accuracy", r.halfwayTestAccuracy());
            s.put("final_training_time", r.finalTrainingTime());
            s.put("final_train_accuracy", r.finalTrainAccuracy());
            s.put("final_validation_accuracy", r.finalValidationAccuracy());
            s.put("final_test_accuracy", r.finalTestAccuracy());
        }
        return node;
    }
}
