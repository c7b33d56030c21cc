package org.curvebench.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hyperparameters given to a learner by name ({@code depth=6}, {@code learning-rate=0.1}), as text; the learner
 * reads the ones it knows and {@link #requireOnly rejects} the rest. Immutable.
 */
public final class LearnerOptions {

    private static final LearnerOptions NONE = new LearnerOptions(Map.of());

    private final Map<String, String> values;

    private LearnerOptions(Map<String, String> values) {
        this.values = values;
    }

    public static LearnerOptions none() {
        return NONE;
    }

    public static LearnerOptions of(Map<String, String> values) {
        return new LearnerOptions(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }

    /** This plus {@code name=value} (replacing an earlier value). */
    public LearnerOptions with(String name, String value) {
        Map<String, String> m = new LinkedHashMap<>(values);
        m.put(name, value);
        return of(m);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Map<String, String> asMap() {
        return values;
    }

    /** Fails naming the first option {@code learner} does not take, and the ones it does. */
    public void requireOnly(String learner, Set<String> known) {
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new LearnerOptionException(name, learner + " has no option '" + name + "'"
                        + (known.isEmpty() ? "; it takes none" : "; it takes " + String.join(", ", new TreeSet<>(known))));
            }
        }
    }

    public int getInt(String name, int fallback, int min, int max) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        int i;
        try {
            i = Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new LearnerOptionException(name, "option '" + name + "' must be a whole number, not '" + v + "'");
        }
        if (i < min || i > max) {
            throw new LearnerOptionException(name, "option '" + name + "' must be in [" + min + ", " + max + "], got " + i);
        }
        return i;
    }

    public double getDouble(String name, double fallback, double minExclusive, double max) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        double d;
        try {
            d = Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new LearnerOptionException(name, "option '" + name + "' must be a number, not '" + v + "'");
        }
        if (!(d > minExclusive && d <= max)) {
            throw new LearnerOptionException(name, "option '" + name + "' must be in (" + minExclusive + ", " + max + "], got " + v);
        }
        return d;
    }

    public String getString(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /** A learner option that is unknown or out of range; {@link #option()} names it for the caller's message. */
    public static final class LearnerOptionException extends IllegalArgumentException {
        private final String option;

        public LearnerOptionException(String option, String message) {
            super(message);
            this.option = option;
        }

        public String option() {
            return option;
        }
    }
}
