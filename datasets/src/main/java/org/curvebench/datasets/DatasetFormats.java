package org.curvebench.datasets;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/** The dataset formats on the class path, discovered through {@link ServiceLoader}. */
public final class DatasetFormats {

    private final Map<String, DatasetFormat> byName;

    private DatasetFormats(Map<String, DatasetFormat> byName) {
        this.byName = Map.copyOf(byName);
    }

    public static DatasetFormats installed() {
        Map<String, DatasetFormat> formats = new LinkedHashMap<>();
        for (DatasetFormat f : ServiceLoader.load(DatasetFormat.class, DatasetFormats.class.getClassLoader())) {
            formats.putIfAbsent(f.name(), f);
        }
        return new DatasetFormats(formats);
    }

    /** The format of that name; the error lists the known ones. */
    public DatasetFormat get(String name) {
        DatasetFormat f = byName.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown data format '" + name + "'; known formats: "
                    + String.join(", ", new java.util.TreeSet<>(byName.keySet())));
        }
        return f;
    }

    public Collection<DatasetFormat> all() {
        return byName.values();
    }
}
