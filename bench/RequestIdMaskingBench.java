import io.facetimerouter.call.RequestIds;
import java.util.regex.Pattern;

/**
 * What masking a request id for the log line costs: the contact pattern alone (as every call ran it
 * before) against RequestIds.masked, over 1,000 time-ordered ids such as the service makes up, in one run.
 *
 * Usage: java -cp "target/classes:$(cat target/bench-classpath.txt)" bench/RequestIdMaskingBench.java
 */
public class RequestIdMaskingBench {

    /** The same pattern as RequestIds' own. */
    private static final Pattern CONTACT = Pattern.compile(
            "(?<![A-Za-z0-9])\\+?\\d{7,15}(?![A-Za-z0-9])|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+");
    private static final int CALLS = 1_000_000;

    public static void main(String[] args) {
        String[] ids = new String[1000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = RequestIds.newId();
        }
        long checksum = 0;
        System.out.println("| round | pattern on every id (ns per id) | RequestIds.masked (ns per id) |");
        System.out.println("|---:|---:|---:|");
        for (int round = 1; round <= 5; round++) {
            long started = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                checksum += CONTACT.matcher(ids[i % ids.length]).replaceAll("*").length();
            }
            long patternDone = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                checksum += RequestIds.masked(ids[i % ids.length]).length();
            }
            long maskedDone = System.nanoTime();
            System.out.printf("| %d | %.0f | %.0f |%n", round, (patternDone - started) / (double) CALLS,
                    (maskedDone - patternDone) / (double) CALLS);
        }
        System.out.println("(checksum " + checksum + ")");
    }
}
