package org.curvebench.surrogate.anytime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.curvebench.datasets.DataFormatException;
import org.curvebench.datasets.Metrics;
import org.curvebench.encoding.InvalidArchitectureException;
import org.curvebench.encoding.SubSpace;
import org.curvebench.encoding.nb101.Nb101Cell;

/**
 * Anytime evaluation of a one-shot NAS run, as NAS-Bench-1Shot1 plots it: each line of the run's trajectory,
 * {@code {"epoch", "seconds", "arch"}}, names the architecture the run would pick at that moment; the line is
 * answered with that architecture's accuracies after full training and its regret against the sub-space's best.
 * Output lines keep the input's fields and add {@code module_hash}, {@code val_acc}, {@code test_acc},
 * {@code val_regret}, {@code test_regret} (null for a metric the source lacks) and {@code regret}, the test regret
 * when the source has test accuracy and the validation regret otherwise ({@code regret_of} names which).
 */
public final class AnytimeEvaluation {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SubSpace space;
    private final FinalAccuracies source;
    private final SubSpaceBest best;

    public AnytimeEvaluation(SubSpace space, FinalAccuracies source, SubSpaceBest best) {
        this.space = space;
        this.source = source;
        this.best = best;
    }

    /** Answers every line of {@code in} (named {@code name} in errors) into {@code out}; returns the lines answered. */
    public long run(BufferedReader in, String name, Writer out) throws IOException {
        long lineNo = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            out.write(JSON.writeValueAsString(answer(line, name, lineNo)));
            out.write('\n');
        }
        if (lineNo == 0) {
            throw new DataFormatException(name + ": the trajectory is empty; write one line {\"epoch\", \"seconds\", "
                    + "\"arch\"} per search epoch");
        }
        out.flush();
        return lineNo;
    }

    private ObjectNode answer(String line, String name, long lineNo) {
        ObjectNode node = step(line, name, lineNo);
        Nb101Cell cell;
        try {
            cell = (Nb101Cell) space.inParent(space.parse(node.get("arch")));
        } catch (InvalidArchitectureException e) {
            throw new DataFormatException(name, lineNo, "\"arch\": " + e.getMessage());
        }
        FinalAccuracy a = source.of(List.of(cell))[0];
        if (a == null) {
            throw new DataFormatException(name, lineNo, "the architecture's cell " + cell.canonicalKey()
                    + " is not in " + source.source());
        }
        node.put("module_hash", cell.canonicalKey());
        put(node, "val_acc", a.validation());
        put(node, "test_acc", a.test());
        put(node, "val_regret", best.validation() - a.validation());
        put(node, "test_regret", best.test() - a.test());
        boolean test = source.hasTest();
        node.put("regret", test ? best.test() - a.test() : best.validation() - a.validation());
        node.put("regret_of", test ? Metrics.TEST_ACC : Metrics.VAL_ACC);
        return node;
    }

    private static ObjectNode step(String line, String name, long lineNo) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new DataFormatException(name, lineNo, "not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new DataFormatException(name, lineNo, "expected an object {\"epoch\", \"seconds\", \"arch\"}");
        }
        JsonNode epoch = node.get("epoch");
        if (epoch == null || !epoch.isIntegralNumber() || epoch.longValue() < 0) {
            throw new DataFormatException(name, lineNo, "\"epoch\" must be a search epoch 0, 1, 2, ..., got " + epoch);
        }
        JsonNode seconds = node.get("seconds");
        if (seconds == null || !seconds.isNumber() || !(seconds.doubleValue() >= 0)) {
            throw new DataFormatException(name, lineNo, "\"seconds\" must be the search time so far, a number >= 0, "
                    + "got " + seconds);
        }
        if (node.get("arch") == null || node.get("arch").isNull()) {
            throw new DataFormatException(name, lineNo, "missing \"arch\", the architecture the run picks then");
        }
        return (ObjectNode) node;
    }

    private static void put(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
