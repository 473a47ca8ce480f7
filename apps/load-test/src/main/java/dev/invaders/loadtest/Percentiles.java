package dev.invaders.loadtest;

import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;

/** Percentile math: of samples (nearest rank, sorted copy) and of cumulative Prometheus histogram buckets. */
public final class Percentiles {
    private Percentiles() {
    }

    /** The p-th percentile (0 < p <= 100) by nearest rank; NaN for no samples. */
    public static double of(List<Double> samples, double p) {
        if (samples.isEmpty()) return Double.NaN;
        double[] a = samples.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        int rank = (int) Math.ceil(p / 100.0 * a.length);
        return a[Math.max(0, Math.min(a.length - 1, rank - 1))];
    }

    public static double median(List<Double> samples) {
        return of(samples, 50);
    }

    public static double min(List<Double> samples) {
        return samples.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    /**
     * The p-th percentile of a histogram given as cumulative counts by upper bound (le, +Inf included as
     * {@code Double.POSITIVE_INFINITY}), interpolated linearly inside the bucket as Prometheus's
     * {@code histogram_quantile} does. NaN for no observations; the highest finite bound when the rank falls
     * in the +Inf bucket.
     */
    public static double ofHistogram(NavigableMap<Double, Double> cumulative, double p) {
        if (cumulative.isEmpty()) return Double.NaN;
        double total = cumulative.lastEntry().getValue();
        if (total <= 0) return Double.NaN;
        double rank = p / 100.0 * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (var e : cumulative.entrySet()) {
            double bound = e.getKey();
            double count = e.getValue();
            if (count >= rank) {
                if (Double.isInfinite(bound)) return lowerBound;
                if (count == lowerCount) return bound;
                return lowerBound + (bound - lowerBound) * (rank - lowerCount) / (count - lowerCount);
            }
            lowerBound = bound;
            lowerCount = count;
        }
        return lowerBound;
    }
}
