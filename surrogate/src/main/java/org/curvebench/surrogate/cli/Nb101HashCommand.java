package org.curvebench.surrogate.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.curvebench.datasets.DataFormatException;
import org.curvebench.datasets.table.JsonLines;
import org.curvebench.datasets.table.TextFiles;
import org.curvebench.encoding.InvalidArchitectureException;
import org.curvebench.encoding.nb101.Nb101Space;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code curvebench nb101 hash}: NAS-Bench-101 module hashes of a file of cells, streamed one cell at a time. */
@Command(name = "hash", mixinStandardHelpOptions = true,
        description = {"Print {\"hash\": \"...\"} (NAS-Bench-101's module hash) for each cell, one line each, in order.",
                "The input is a JSON array or JSON Lines (plain or gzip) of {\"adjacency\": [[0,1,...],...], "
                        + "\"ops\": [...]}, ops as names (input, conv3x3-bn-relu, conv1x1-bn-relu, maxpool3x3, output) "
                        + "or labels (-1, 0, 1, 2, -2).",
                "Isomorphic cells, and cells equal after pruning, get the same hash."})
final class Nb101HashCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, description = "File of cells: JSON array or JSON Lines.")
    Path input;

    private final Nb101Space space = new Nb101Space();

    @Override
    public Integer call() throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        try (BufferedReader in = TextFiles.reader(input)) {
            in.mark(1 << 16);
            int first = firstNonBlank(in);
            in.reset();
            if (first == '[') {
                hashArray(in, out);
            } else {
                hashLines(in, out);
            }
        } finally {
            out.flush();
        }
        return 0;
    }

    /** JSON Lines: one cell a line, blank lines skipped; errors name the line. */
    private void hashLines(BufferedReader in, Writer out) throws IOException {
        JsonLines.forEach(in, input.toString(), (node, lineNo) -> write(out, hash(node, "line " + lineNo, lineNo)));
    }

    /** A JSON array, read element by element with the streaming parser; errors name the element and its line. */
    private void hashArray(BufferedReader in, Writer out) throws IOException {
        try (JsonParser p = ReportFormat.JSON.getFactory().createParser(in)) {
            p.nextToken();
            long index = 0;
            try {
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    if (t == null) {
                        throw new DataFormatException(input.toString(), p.currentLocation().getLineNr(),
                                "the JSON array is not closed; the file ends after " + index + " cells");
                    }
                    long line = p.currentTokenLocation().getLineNr();
                    JsonNode node = p.readValueAsTree();
                    write(out, hash(node, "cell " + index + " (array index, from 0)", line));
                    index++;
                }
            } catch (JsonProcessingException e) {
                throw new DataFormatException(input.toString(), e.getLocation() == null ? 0
                        : e.getLocation().getLineNr(), "not valid JSON after cell " + index + ": "
                        + e.getOriginalMessage());
            }
        }
    }

    private String hash(JsonNode node, String where, long line) {
        try {
            return space.parse(node).canonicalKey();
        } catch (InvalidArchitectureException e) {
            throw new DataFormatException(input.toString(), line, where + ": " + e.getMessage());
        }
    }

    private static void write(Writer out, String hash) throws IOException {
        try (JsonGenerator g = ReportFormat.JSON.getFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("hash", hash);
            g.writeEndObject();
        }
        out.write('\n');
    }

    private static int firstNonBlank(BufferedReader in) throws IOException {
        for (int i = 0; i < 1 << 16; i++) {
            int c = in.read();
            if (c < 0 || !Character.isWhitespace(c)) {
                return c;
            }
        }
        return -1;
    }
}
