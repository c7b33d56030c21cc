package org.curvebench.datasets.nb101;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.curvebench.datasets.ArchitectureRuns;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.datasets.DataFormatException;
import org.curvebench.datasets.DatasetFormats;
import org.curvebench.core.Progress;
import org.curvebench.encoding.nb101.Nb101Space;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Nb101TfRecordFormatTest {

    @TempDir
    Path dir;

    @Test
    void readsTheChosenBudgetsRepeatsAsSeeds() throws Exception {
        Path file = dir.resolve("full.tfrecord");
        Nb101SyntheticFile.write(file, 40, List.of(36, 108), 3, Progress.NONE);
        Nb101Dataset reference = Nb101Dataset.load(file, Progress.NONE);
        CurveDataset d = DatasetFormats.installed().get("nb101-tfrecord").read(file, new Nb101Space(), Progress.NONE);
        assertEquals(40, d.size());
        assertEquals(120, d.runCount());
        assertTrue(d.skipped().isEmpty(), d.skipped().toString());
        ArchitectureRuns a = d.architectures().get(0);
        Nb101Metrics m = reference.query(a.key(), 108);
        assertEquals(3, a.seeds());
        for (int s = 0; s < 3; s++) {
            double[] val = a.runs().get(s).curve("val_acc").toArray();
            assertEquals(m.repeats().get(s).finalValidationAccuracy(), val[val.length - 1], 0.0);
            assertEquals(m.repeats().get(s).halfwayValidationAccuracy(), val[val.length - 2], 0.0);
        }
        CurveDataset short36 = new Nb101TfRecordFormat(36).read(file, new Nb101Space(), Progress.NONE);
        assertEquals(40, short36.size());
        assertTrue(!short36.digest().equals(d.digest()));
        assertThrows(DataFormatException.class, () -> new Nb101TfRecordFormat(4).read(file, new Nb101Space(), Progress.NONE));
    }
}
