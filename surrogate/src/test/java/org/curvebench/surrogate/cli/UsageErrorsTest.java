package org.curvebench.surrogate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Usage errors exit 2 and name the flag, and fit's options are checked before any data is read. */
class UsageErrorsTest {

    /** Fit options checked against data that does not exist: the option must be reported, not the missing file. */
    private static CliTest.Run fitWith(String... extra) {
        String[] base = {"fit", "--space", "nb201", "--data", "/nonexistent/data.jsonl", "--out",
                CliFixture.DIR.resolve("never.cbs").toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliTest.run(args);
    }

    @Test
    void badFitOptionsExit2NamingTheFlagBeforeLoadingData() {
        String[][] cases = {
                {"--components", "0"}, {"--components", "abc"}, {"--regressor", "foo"}, {"--encoder", "foo"},
                {"--metric", "bogus"}, {"--observed-epochs", "-1"}, {"--noise", "gaussian"}, {"--noise-window", "4"},
                {"--regressor", "lightgbm", "--depth", "5"}, {"--depth", "0"}, {"--compression", "zip"},
                {"--regressor-option", "colour=blue"}};
        String[] flags = {"--components", "--components", "--regressor", "--encoder", "--metric", "--observed-epochs",
                "--noise", "--noise-window", "--depth", "--depth", "--compression", "--regressor-option"};
        for (int i = 0; i < cases.length; i++) {
            CliTest.Run r = fitWith(cases[i]);
            assertEquals(2, r.code(), String.join(" ", cases[i]) + ": " + r.err());
            assertTrue(r.err().contains(flags[i]), String.join(" ", cases[i]) + ": " + r.err());
            assertFalse(r.err().contains("nonexistent"), "the option must be checked before the data: " + r.err());
        }
        assertFalse(Files.exists(CliFixture.DIR.resolve("never.cbs")));
    }

    @Test
    void unknownSpaceAndLearnerListTheChoices() {
        CliTest.Run space = CliTest.run("fit", "--space", "nb999", "--data", "x", "--out", "y.cbs");
        assertEquals(2, space.code());
        assertTrue(space.err().contains("--space") && space.err().contains("nb201"), space.err());
        CliTest.Run regressor = fitWith("--regressor", "foo");
        assertTrue(regressor.err().contains("oblivious") && regressor.err().contains("lightgbm"), regressor.err());
    }

    @Test
    void seedWithoutNoiseIsRefused() {
        CliTest.Run r = CliTest.run("query", "--model", CliFixture.MODEL.toString(), "--arch",
                "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|", "--seed", "5");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--noise"), r.err());
    }

    @Test
    void queryRefusesToOverwriteItsInputs() throws Exception {
        Path copy = CliFixture.DIR.resolve("copy.cbs");
        Files.copy(CliFixture.MODEL, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        byte[] before = Files.readAllBytes(copy);
        CliTest.Run r = CliTest.run("query", "--model", copy.toString(), "--arch",
                "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|", "--out", copy.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--out") && r.err().contains("--model"), r.err());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(copy)), "the model must be untouched");

        Path batch = CliFixture.DIR.resolve("in.jsonl");
        Files.writeString(batch, "{\"arch\": \"|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|\"}\n");
        CliTest.Run b = CliTest.run("query", "--model", CliFixture.MODEL.toString(), "--batch", batch.toString(),
                "--out", batch.toString());
        assertEquals(2, b.code(), b.err());
        assertTrue(b.err().contains("--batch"), b.err());
    }

    @Test
    void queryOutputFormatAndPrecisionAreChecked() {
        String arch = "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|";
        CliTest.Run f = CliTest.run("query", "--model", CliFixture.MODEL.toString(), "--arch", arch, "--output-format", "csv");
        assertEquals(2, f.code());
        assertTrue(f.err().contains("--output-format"), f.err());
        CliTest.Run p = CliTest.run("query", "--model", CliFixture.MODEL.toString(), "--arch", arch, "--precision", "40");
        assertEquals(2, p.code());
        assertTrue(p.err().contains("--precision"), p.err());
    }
}
