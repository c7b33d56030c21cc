package org.curvebench.encoding;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The search spaces known to CurveBench, discovered through {@link ServiceLoader}. */
public final class SearchSpaces {

    private final Map<String, SearchSpace> byName;

    private SearchSpaces(Map<String, SearchSpace> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** The spaces registered on the class path. */
    public static SearchSpaces installed() {
        Map<String, SearchSpace> spaces = new LinkedHashMap<>();
        for (SearchSpace space : ServiceLoader.load(SearchSpace.class, SearchSpaces.class.getClassLoader())) {
            SearchSpace previous = spaces.putIfAbsent(space.name(), space);
            if (previous != null) {
                throw new IllegalStateException("two search spaces are registered as '" + space.name() + "': "
                        + previous.getClass().getName() + " and " + space.getClass().getName());
            }
        }
        return new SearchSpaces(spaces);
    }

    /** A registry of exactly these spaces (for tests and embedding). */
    public static SearchSpaces of(List<SearchSpace> spaces) {
        Map<String, SearchSpace> map = new LinkedHashMap<>();
        spaces.forEach(s -> map.put(s.name(), s));
        return new SearchSpaces(map);
    }

    /** The space of that name; the error lists the known names. */
    public SearchSpace get(String name) {
        SearchSpace space = byName.get(name);
        if (space == null) {
            throw new IllegalArgumentException("unknown search space '" + name + "'; known spaces: "
                    + String.join(", ", byName.keySet()));
        }
        return space;
    }

    public Collection<SearchSpace> all() {
        return byName.values();
    }
}
