package org.curvebench.search.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.curvebench.search.cli.SearchFixture;
import org.curvebench.surrogate.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotCommandTest {

    @TempDir
    Path dir;

    /** Pixels within a small distance of a colour. */
    static int pixels(BufferedImage image, int r, int g, int b) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int dr = ((p >> 16) & 0xff) - r;
                int dg = ((p >> 8) & 0xff) - g;
                int db = (p & 0xff) - b;
                if (dr * dr + dg * dg + db * db < 300) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void regretFromAnyRunsWithSecondsAndRegretIsDrawnAtItsSize() throws IOException {
        Path a = dir.resolve("anytime.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int trial = 0; trial < 3; trial++) {
            for (int i = 1; i <= 50; i++) {
                lines.append("{\"label\":\"one-shot\",\"trial\":").append(trial).append(",\"seconds\":")
                        .append(i * 100 * (trial + 1)).append(",\"regret\":").append(10.0 / i + trial).append("}\n");
            }
        }
        Files.writeString(a, lines.toString());
        Path b = dir.resolve("other.jsonl");
        Files.writeString(b, "{\"seconds\":50,\"regret\":4}\n{\"seconds\":20000,\"regret\":1}\n");
        Path png = dir.resolve("regret.png");
        assertEquals(0, Main.run("plot", "regret", "--runs", a.toString(), "--runs", b.toString(), "--out",
                png.toString(), "--width", "640", "--height", "400"));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(640, image.getWidth());
        assertEquals(400, image.getHeight());
        assertTrue(pixels(image, 31, 119, 180) > 200, "the first optimizer's line is drawn");
        assertTrue(pixels(image, 255, 127, 14) > 100, "the second one's too");
        int[] band = {31, 119, 180};
        for (int i = 0; i < 3; i++) {
            band[i] = 255 - (255 - band[i]) * 60 / 255;
        }
        assertTrue(pixels(image, band[0], band[1], band[2]) > 100, "the standard-error band is filled");

        RegretCurves curves = new RegretCurves();
        curves.read(a);
        RegretCurves.Curve c = curves.curves(20).get(0);
        assertEquals("one-shot", c.label());
        int last = c.seconds().length - 1;
        assertEquals(15000, c.seconds()[last], 1e-6);
        assertEquals(3, c.trials()[last], "all three trials have a value at the end");
        assertEquals((10.0 / 50 + 0 + 10.0 / 50 + 1 + 10.0 / 50 + 2) / 3, c.mean()[last], 1e-9);
    }

    @Test
    void aLineWithoutRegretIsRejectedNamingFileAndLine() throws IOException {
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"seconds\":1,\"regret\":2}\n{\"seconds\":3}\n");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.err;
        System.setErr(new java.io.PrintStream(err, true));
        try {
            assertEquals(1, Main.run("plot", "regret", "--runs", bad.toString(), "--out", dir.resolve("x.png").toString()));
        } finally {
            System.setErr(saved);
        }
        assertTrue(err.toString().contains("bad.jsonl:2"), err.toString());
        assertEquals(2, Main.run("plot", "regret", "--out", dir.resolve("x.png").toString()));
        assertTrue(Files.notExists(dir.resolve("x.png")));
    }

    @Test
    void curvesOfOneArchitectureWithItsRealRuns() throws IOException {
        Path png = dir.resolve("curves.png");
        String arch;
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(
                Files.newInputStream(SearchFixture.TABLE)), java.nio.charset.StandardCharsets.UTF_8))) {
            arch = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in.readLine()).get("arch").asText();
        }
        assertEquals(0, Main.run("plot", "curves", "--model", SearchFixture.MODEL.toString(), "--arch", arch,
                "--seeds", "3", "--data", SearchFixture.TABLE.toString(), "--out", png.toString()));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth());
        assertEquals(560, image.getHeight());
        assertTrue(pixels(image, 31, 119, 180) > 300, "the thick mean curve is drawn");
        assertTrue(pixels(image, 255, 127, 14) > 50, "the first noisy seed is drawn");
        assertTrue(pixels(image, 64, 64, 64) > 50, "the real runs are drawn dashed in dark grey");
        assertEquals(2, Main.run("plot", "curves", "--model", SearchFixture.MODEL.toString(), "--arch", arch,
                "--seeds", "-1", "--out", png.toString()));
    }

    @Test
    void demoWritesTheFiguresAndNamesThem() throws IOException {
        Path out = dir.resolve("demo");
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.out;
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.run("demo", "--archs", "300", "--seeds", "2", "--epochs", "20", "--max-rounds", "40",
                    "--out-dir", out.toString()));
        } finally {
            System.setOut(saved);
        }
        String text = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        for (String name : new String[] {"demo-regret.png", "demo-curves.png", "demo-search.jsonl"}) {
            assertTrue(text.contains("wrote " + out.resolve(name)), text);
        }
        BufferedImage regret = ImageIO.read(out.resolve("demo-regret.png").toFile());
        assertEquals(900, regret.getWidth());
        assertTrue(pixels(regret, 31, 119, 180) > 200 && pixels(regret, 214, 39, 40) > 100,
                "the first and fourth optimizers' lines are drawn");
        assertTrue(text.contains("re+wpm"), text);
    }
}
