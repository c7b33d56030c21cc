package org.curvebench.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SearchSpacesTest {

    @Test
    void findsTheRegisteredSpaces() {
        SearchSpaces spaces = SearchSpaces.installed();
        assertEquals("nb201", spaces.get("nb201").name());
        assertEquals("features", spaces.get("features").name());
    }

    @Test
    void unknownSpaceListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SearchSpaces.installed().get("nb999"));
        assertTrue(e.getMessage().contains("nb201") && e.getMessage().contains("features"), e.getMessage());
    }

    @Test
    void featureVectorsAreTheirOwnEncoding() throws Exception {
        SearchSpace features = SearchSpaces.installed().get("features");
        Architecture a = features.parse(new ObjectMapper().readTree("[1, 2.5, -3]"));
        assertArrayEquals(new double[]{1, 2.5, -3}, features.defaultEncoder().encode(a));
        assertEquals(a, features.parse(a.toJson()));
        assertThrows(InvalidArchitectureException.class, () -> features.parse(new ObjectMapper().readTree("[1, \"x\"]")));
        assertThrows(InvalidArchitectureException.class, () -> features.parse(new ObjectMapper().readTree("[]")));
        assertThrows(InvalidArchitectureException.class, () -> features.parse(new ObjectMapper().readTree("{\"a\": 1}")));
    }
}
