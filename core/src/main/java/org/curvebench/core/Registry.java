package org.curvebench.core;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Named implementations of one service interface, found through {@link ServiceLoader}: adding one is a class and
 * a line in {@code META-INF/services/<interface>}, in any module on the class path. Immutable.
 *
 * @param <T> the service interface
 */
public final class Registry<T extends Named> {

    private final String kind;
    private final Map<String, T> byName;

    private Registry(String kind, Map<String, T> byName) {
        this.kind = kind;
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** Every implementation of {@code service} on the class path; {@code kind} names them in errors ("regressor"). */
    public static <T extends Named> Registry<T> installed(Class<T> service, String kind) {
        Map<String, T> found = new LinkedHashMap<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (T t : ServiceLoader.load(service, loader == null ? service.getClassLoader() : loader)) {
            T previous = found.putIfAbsent(t.name(), t);
            if (previous != null && previous.getClass() != t.getClass()) {
                throw new IllegalStateException("two " + kind + "s are registered as '" + t.name() + "': "
                        + previous.getClass().getName() + " and " + t.getClass().getName());
            }
        }
        return new Registry<>(kind, found);
    }

    /** A registry of exactly these (for tests and embedding). */
    public static <T extends Named> Registry<T> of(String kind, List<? extends T> items) {
        Map<String, T> map = new LinkedHashMap<>();
        for (T t : items) {
            if (map.putIfAbsent(t.name(), t) != null) {
                throw new IllegalArgumentException("two " + kind + "s named '" + t.name() + "'");
            }
        }
        return new Registry<>(kind, map);
    }

    /** The implementation of that name; the error lists the known names. */
    public T get(String name) {
        T t = byName.get(name);
        if (t == null) {
            throw new UnknownNameException(kind, name, List.copyOf(byName.keySet()));
        }
        return t;
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public Collection<T> all() {
        return byName.values();
    }

    /** What the registry holds, e.g. "regressor". */
    public String kind() {
        return kind;
    }
}
