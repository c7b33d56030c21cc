package org.curvebench.datasets.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import org.curvebench.datasets.DataFormatException;

/**
 * Streams a JSON Lines file one JSON value per line, blank lines skipped; a line that is not JSON fails with the
 * file and line. Memory does not grow with the file.
 */
public final class JsonLines {

    /** What is done with each line's value. */
    @FunctionalInterface
    public interface LineHandler {
        void accept(JsonNode value, long lineNo) throws IOException;
    }

    private JsonLines() {
    }

    /** Calls {@code handler} for each non-blank line of {@code in}, with its 1-based line number. */
    public static void forEach(BufferedReader in, String source, LineHandler handler) throws IOException {
        String line;
        long lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = CurveTableFormat.JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new DataFormatException(source, lineNo, "not valid JSON: " + e.getOriginalMessage());
            }
            handler.accept(node, lineNo);
        }
    }
}
