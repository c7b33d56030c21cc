package org.curvebench.encoding.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.curvebench.encoding.InvalidArchitectureException;
import org.junit.jupiter.api.Test;

/** Every recipe of the shared NAS-Bench-NLP logs, including the runs that diverged. */
class NasBenchNlpRecipesTest {

    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private static List<NlpRecipe> sharedRecipes() throws IOException {
        Path zip = Path.of(System.getProperty("curvebench.shared", "../../shared"))
                .resolve("data/nasbench-nlp-wikitext2/logs.zip");
        assumeTrue(Files.isRegularFile(zip), "shared NAS-Bench-NLP logs not present at " + zip);
        NlpSpace space = new NlpSpace();
        List<NlpRecipe> recipes = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : z.stream().filter(e -> e.getName().endsWith(".json")).toList()) {
                JsonNode log = JSON.readTree(z.getInputStream(e));
                recipes.add(space.parse(log.get("recepie")));
            }
        }
        return recipes;
    }

    @Test
    void allRecipesParseIntoTwoHundredAndTwoCells() throws IOException {
        List<NlpRecipe> recipes = sharedRecipes();
        assertEquals(246, recipes.size());
        Set<String> keys = new HashSet<>();
        Map<Integer, Integer> sizes = new TreeMap<>();
        for (NlpRecipe r : recipes) {
            keys.add(r.canonicalKey());
            sizes.merge(r.size(), 1, Integer::sum);
        }
        assertEquals(202, keys.size());
        assertEquals(Map.ofEntries(Map.entry(2, 7), Map.entry(3, 9), Map.entry(4, 35), Map.entry(5, 28),
                Map.entry(6, 36), Map.entry(7, 22), Map.entry(8, 35), Map.entry(9, 18), Map.entry(10, 34),
                Map.entry(11, 10), Map.entry(12, 6), Map.entry(13, 4), Map.entry(14, 1), Map.entry(15, 1)), sizes);
    }

    @Test
    void theDefaultLimitFitsEveryCellAndX11sTwelveDoesNot() throws IOException {
        List<NlpRecipe> recipes = sharedRecipes();
        NlpSpace space = new NlpSpace();
        long over12 = 0;
        for (NlpRecipe r : recipes) {
            assertEquals(25 * 25 + 25 + 3, space.defaultEncoder().encode(r).length);
            if (r.size() + 3 > 12) {
                over12++;
                assertThrows(InvalidArchitectureException.class, () -> NlpSpace.x11Encoder(12).encode(r));
            }
        }
        assertEquals(56, over12);
    }
}
