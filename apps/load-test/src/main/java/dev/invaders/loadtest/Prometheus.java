package dev.invaders.loadtest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one histogram out of a Prometheus text scrape: per value of a label (the family), the cumulative
 * bucket counts by upper bound, summed over the other labels that match (e.g. outcome="ok").
 */
public final class Prometheus {
    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}\\s+(\\S+).*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private Prometheus() {
    }

    /** family -> (le -> cumulative count) of {@code name_bucket} series whose labels include {@code filter}. */
    public static Map<String, TreeMap<Double, Double>> buckets(String scrape, String name, String byLabel,
                                                               Map<String, String> filter) {
        Map<String, TreeMap<Double, Double>> out = new LinkedHashMap<>();
        for (String line : scrape.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(name + "_bucket{")) continue;
            Matcher m = LINE.matcher(line.trim());
            if (!m.matches()) continue;
            Map<String, String> labels = new LinkedHashMap<>();
            Matcher l = LABEL.matcher(m.group(2));
            while (l.find()) labels.put(l.group(1), l.group(2));
            boolean ok = filter.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
            String key = labels.get(byLabel);
            String le = labels.get("le");
            if (!ok || key == null || le == null) continue;
            double bound = "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
            double value = Double.parseDouble(m.group(3));
            out.computeIfAbsent(key, k -> new TreeMap<>()).merge(bound, value, Double::sum);
        }
        return out;
    }

    /** end - start per bucket (a counter reset, such as a restarted process, gives end alone). */
    public static TreeMap<Double, Double> delta(TreeMap<Double, Double> start, TreeMap<Double, Double> end) {
        TreeMap<Double, Double> d = new TreeMap<>();
        boolean reset = false;
        if (start != null) {
            for (var e : end.entrySet()) {
                if (e.getValue() < start.getOrDefault(e.getKey(), 0.0)) reset = true;
            }
        }
        for (var e : end.entrySet()) {
            double before = start == null || reset ? 0 : start.getOrDefault(e.getKey(), 0.0);
            d.put(e.getKey(), e.getValue() - before);
        }
        return d;
    }
}
