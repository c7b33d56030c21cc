package org.curvebench.search;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.curvebench.core.AtomicFile;

/**
 * Writes a search's trainings as JSON Lines, one line per (trial, training): {@code optimizer}, {@code trial},
 * {@code seconds} (simulated, cumulative), {@code arch}, {@code epochs}, {@code value} (observed), {@code incumbent},
 * {@code incumbent_value} (observed), {@code incumbent_epochs}, {@code incumbent_mean} (noise-free final value),
 * {@code regret} and {@code reference} ({@code exact} or {@code sample}, see {@link Regret.Reference}).
 */
public final class RunsFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunsFile() {
    }

    public static void write(Path path, List<Trajectory> trajectories, Regret regret) throws IOException {
        AtomicFile.createParentFolders(path);
        AtomicFile.writeStream(path, out -> {
            try (JsonGenerator g = JSON.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
                g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
                for (Trajectory t : trajectories) {
                    for (Evaluation e : t.evaluations()) {
                        g.writeStartObject();
                        g.writeStringField("optimizer", t.label());
                        g.writeNumberField("trial", e.trial());
                        g.writeNumberField("seconds", e.seconds());
                        g.writeFieldName("arch");
                        JSON.writeTree(g, e.architecture().toJson());
                        g.writeNumberField("epochs", e.epochs());
                        g.writeNumberField("value", e.value());
                        g.writeFieldName("incumbent");
                        JSON.writeTree(g, e.incumbent().toJson());
                        g.writeNumberField("incumbent_value", e.incumbentValue());
                        g.writeNumberField("incumbent_epochs", e.incumbentEpochs());
                        g.writeNumberField("incumbent_mean", regret.incumbentMean(e));
                        g.writeNumberField("regret", regret.of(e));
                        g.writeStringField("reference", regret.reference().kind());
                        g.writeEndObject();
                        g.writeRaw('\n');
                    }
                }
            }
        });
    }
}
