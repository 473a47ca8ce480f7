package dev.invaders.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** {@code ./load-test capacity}'s callers: execute requests as fast as answered, and their latencies. */
final class ExecuteLoad {

    private ExecuteLoad() {
    }

    /** One measurement: calls, errors and each call's latency in nanoseconds. */
    record Step(long calls, long errors, double seconds, long[] latencies) {
    }

    /** {@code callers} virtual threads calling execute as fast as answered for {@code seconds}. */
    static Step load(HttpClient http, URI execute, String token, List<byte[]> bodies, int callers, double seconds)
            throws InterruptedException {
        return load(http, List.of(execute), token, bodies, callers, seconds);
    }

    /** As above, each call to the next of {@code targets} in turn (round robin per call). */
    static Step load(HttpClient http, List<URI> targets, String token, List<byte[]> bodies, int callers, double seconds)
            throws InterruptedException {
        AtomicLong errors = new AtomicLong();
        List<long[]> lat = new ArrayList<>();
        long[] counts = new long[callers];
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            long[] mine = new long[1 << 16];
            lat.add(mine);
            int id = c;
            threads.add(Thread.ofVirtual().start(() -> {
                long[] buf = mine;
                int n = 0;
                int i = (int) ((long) id * bodies.size() / callers);
                while (System.nanoTime() < end) {
                    byte[] body = bodies.get(i++ % bodies.size());
                    HttpRequest req = HttpRequest.newBuilder(targets.get((n + id) % targets.size())).timeout(Duration.ofSeconds(5))
                            .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200) errors.incrementAndGet();
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    if (n == buf.length) buf = Arrays.copyOf(buf, n * 2);
                    buf[n++] = System.nanoTime() - t0;
                }
                lat.set(id, Arrays.copyOf(buf, n));
                counts[id] = n;
            }));
        }
        for (Thread t : threads) t.join();
        double took = (System.nanoTime() - start) / 1e9;
        long total = 0;
        for (long n : counts) total += n;
        long[] all = new long[(int) total];
        int k = 0;
        for (long[] l : lat) {
            System.arraycopy(l, 0, all, k, l.length);
            k += l.length;
        }
        Arrays.sort(all);
        return new Step(total, errors.get(), took, all);
    }

    static double percentileMs(long[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
