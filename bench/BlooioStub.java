import com.sun.net.httpserver.HttpServer;
import io.facetimerouter.bench.BenchSupport;

/**
 * The benchmarks' Blooio stub as a process of its own, for a load generator outside Java
 * (bench/rest-overhead-wrk.sh): prints its base URL, then answers until killed.
 *
 * Usage: java -cp target/test-classes bench/BlooioStub.java [latency ms]   (default 50)
 */
public class BlooioStub {

    public static void main(String[] args) throws Exception {
        HttpServer stub = BenchSupport.blooioStub(args.length > 0 ? Integer.parseInt(args[0]) : 50);
        System.out.println(BenchSupport.baseUrl(stub));
        Thread.currentThread().join();
    }
}
