package org.curvebench.datasets.nb101;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.datasets.DataFormatException;
import org.curvebench.datasets.Metrics;
import org.curvebench.core.Progress;
import org.curvebench.datasets.table.CurveTableFormat;
import org.curvebench.encoding.nb101.Nb101Space;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generic curve table carries nb101 cells once the space parses them. */
class Nb101TableTest {

    @TempDir
    Path dir;

    @Test
    void readsATableOfNb101Cells() throws IOException {
        String chainByName = "{\"adjacency\": [[0,1,0],[0,0,1],[0,0,0]], \"ops\": [\"input\", \"conv3x3-bn-relu\", \"output\"]}";
        String chainByLabel = "{\"adjacency\": [[0,1,0],[0,0,1],[0,0,0]], \"ops\": [-1, 0, -2]}";
        // the same chain with an extra vertex that pruning removes
        String chainPadded = "{\"adjacency\": [[0,1,1,0],[0,0,0,1],[0,0,0,0],[0,0,0,0]], "
                + "\"ops\": [\"input\", \"conv3x3-bn-relu\", \"maxpool3x3\", \"output\"]}";
        String skip = "{\"adjacency\": [[0,1,1],[0,0,1],[0,0,0]], \"ops\": [-1, 2, -2]}";
        Path table = dir.resolve("nb101.jsonl");
        Files.writeString(table, String.join("\n",
                "{\"arch\": " + chainByName + ", \"metrics\": {\"val_acc\": [0.2, 0.5, 0.7]}}",
                "{\"arch\": " + chainByLabel + ", \"metrics\": {\"val_acc\": [0.2, 0.4, 0.72]}}",
                "{\"arch\": " + chainPadded + ", \"metrics\": {\"val_acc\": [0.1, 0.45, 0.71]}}",
                "{\"arch\": " + skip + ", \"seed\": 7, \"metrics\": {\"val_acc\": [0.3, 0.6, 0.8]}}") + "\n");
        CurveDataset data = new CurveTableFormat().read(table, new Nb101Space(), Progress.NONE);
        assertEquals(2, data.size());
        assertEquals(3, data.architectures().get(0).seeds());
        assertEquals(7, data.architectures().get(1).runs().get(0).seed());
        assertEquals(0.71, data.architectures().get(0).meanCurve(Metrics.VAL_ACC).last(), 1e-12);
    }

    @Test
    void invalidCellNamesTheLineAndRule() throws IOException {
        Path table = dir.resolve("bad.jsonl");
        Files.writeString(table, "{\"arch\": {\"adjacency\": [[0,0],[0,0]], \"ops\": [-1,-2]}, "
                + "\"metrics\": {\"val_acc\": [0.1]}}\n");
        String msg = assertThrows(DataFormatException.class,
                () -> new CurveTableFormat().read(table, new Nb101Space(), Progress.NONE)).getMessage();
        assertTrue(msg.contains(":1:") && msg.contains("not connected"), msg);
    }
}
