package org.curvebench.models;

import java.util.ArrayList;
import java.util.List;

/**
 * Converts LightGBM's text model format (the output of {@code saveModelToString}) into flat arrays for
 * {@link TreeEnsembleRegressor}. Only numerical splits are supported; CurveBench never declares categorical
 * features.
 */
final class LightGbmModelText {

    private LightGbmModelText() {
    }

    /** Accumulates the trees of several single-output LightGBM models, one model per output. */
    static final class Builder {
        private final int inputDimension;
        private final List<Integer> outputTreeEnd = new ArrayList<>();
        private final List<Integer> treeNodeStart = new ArrayList<>();
        private final List<Integer> treeLeafStart = new ArrayList<>();
        private final List<Integer> splitFeature = new ArrayList<>();
        private final List<Double> threshold = new ArrayList<>();
        private final List<Integer> decision = new ArrayList<>();
        private final List<Integer> left = new ArrayList<>();
        private final List<Integer> right = new ArrayList<>();
        private final List<Double> leafValue = new ArrayList<>();

        Builder(int inputDimension) {
            this.inputDimension = inputDimension;
        }

        /** Adds every tree of one LightGBM model as the next output. */
        Builder addOutput(String modelText) {
            String[] lines = modelText.split("\n");
            int i = 0;
            while (i < lines.length) {
                String line = lines[i].strip();
                if (line.startsWith("Tree=")) {
                    i = readTree(lines, i + 1);
                } else if (line.equals("end of trees")) {
                    break;
                } else {
                    i++;
                }
            }
            outputTreeEnd.add(treeNodeStart.size());
            return this;
        }

        private int readTree(String[] lines, int i) {
            java.util.Map<String, String> fields = new java.util.HashMap<>();
            while (i < lines.length && !lines[i].isBlank() && !lines[i].startsWith("Tree=")) {
                String line = lines[i];
                int eq = line.indexOf('=');
                if (eq > 0) {
                    fields.put(line.substring(0, eq), line.substring(eq + 1));
                }
                i++;
            }
            int leaves = Integer.parseInt(require(fields, "num_leaves"));
            if (fields.containsKey("num_cat") && Integer.parseInt(fields.get("num_cat")) > 0) {
                throw new IllegalStateException("categorical splits are not supported in LightGBM models");
            }
            treeNodeStart.add(splitFeature.size());
            treeLeafStart.add(leafValue.size());
            double[] leafs = doubles(require(fields, "leaf_value"));
            if (leafs.length != leaves) {
                throw new IllegalStateException("LightGBM tree has " + leaves + " leaves but " + leafs.length + " values");
            }
            for (double v : leafs) {
                leafValue.add(v);
            }
            if (leaves > 1) {
                int[] feat = ints(require(fields, "split_feature"));
                double[] thr = doubles(require(fields, "threshold"));
                int[] dec = ints(require(fields, "decision_type"));
                int[] l = ints(require(fields, "left_child"));
                int[] r = ints(require(fields, "right_child"));
                for (int n = 0; n < leaves - 1; n++) {
                    if ((dec[n] & 1) != 0) {
                        throw new IllegalStateException("categorical splits are not supported in LightGBM models");
                    }
                    splitFeature.add(feat[n]);
                    threshold.add(thr[n]);
                    decision.add(dec[n]);
                    left.add(l[n]);
                    right.add(r[n]);
                }
            }
            return i;
        }

        TreeEnsembleRegressor build() {
            return new TreeEnsembleRegressor(inputDimension, toInts(outputTreeEnd), toInts(treeNodeStart),
                    toInts(treeLeafStart), toInts(splitFeature), toDoubles(threshold), toInts(decision),
                    toInts(left), toInts(right), toDoubles(leafValue));
        }
    }

    private static String require(java.util.Map<String, String> fields, String key) {
        String v = fields.get(key);
        if (v == null) {
            throw new IllegalStateException("LightGBM model text lacks '" + key + "'");
        }
        return v;
    }

    private static int[] ints(String s) {
        String[] parts = s.strip().split(" ");
        int[] v = new int[parts.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Integer.parseInt(parts[i]);
        }
        return v;
    }

    private static double[] doubles(String s) {
        String[] parts = s.strip().split(" ");
        double[] v = new double[parts.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Double.parseDouble(parts[i]);
        }
        return v;
    }

    private static int[] toInts(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double[] toDoubles(List<Double> list) {
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
