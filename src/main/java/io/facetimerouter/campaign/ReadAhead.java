package io.facetimerouter.campaign;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads an audience on a thread of its own, a few chunks of rows ahead of the run: reading each row and
 * checking its handle (libphonenumber), half of a run's own CPU, then goes on beside the run's
 * publishing, on another core. At most {@value #CHUNKS_AHEAD} chunks of {@value #CHUNK} rows wait. The
 * reading thread owns the audience: it moves past the rows an earlier attempt handled, and closes the
 * audience when it ends. A failure to read reaches the run after the rows read before it, as it would
 * without the thread. Closing stops the thread at its next row; it is not interrupted, since the
 * audience may be read from the service's own database.
 */
final class ReadAhead extends Audiences.Reader {

    static final int CHUNK = 256;
    static final int CHUNKS_AHEAD = 4;
    private static final long OFFER_MILLIS = 100;

    /** Rows in order; the last chunk says so, and carries the failure that ended the reading, if one did. */
    private record Chunk(List<AudienceRow> rows, boolean last, Throwable failure) {
    }

    private final BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    private volatile boolean closed;
    private Iterator<AudienceRow> current = Collections.emptyIterator();
    private boolean ended;
    /** What ended the reading, thrown once the rows read before it are taken. */
    private Throwable failure;

    ReadAhead(Audiences.Reader audience, long rowsHandled, String run) {
        Thread reader = new Thread(() -> readAll(audience, rowsHandled), "campaign-read-ahead-" + run);
        reader.setDaemon(true);
        reader.start();
    }

    private void readAll(Audiences.Reader audience, long rowsHandled) {
        List<AudienceRow> rows = new ArrayList<>(CHUNK);
        try (audience) {
            audience.skip(rowsHandled);
            while (!closed && audience.hasNext()) {
                rows.add(audience.next());
                if (rows.size() == CHUNK) {
                    hand(new Chunk(rows, false, null));
                    rows = new ArrayList<>(CHUNK);
                }
            }
            hand(new Chunk(rows, true, null));
        } catch (RuntimeException | Error failure) {
            // an Error too: a reading thread that died without a last chunk would leave the run waiting for ever
            hand(new Chunk(rows, true, failure));
        }
    }

    /** Waits for room in the queue, unless the run has closed the audience: then nobody takes the chunk. */
    private void hand(Chunk chunk) {
        try {
            while (!closed && !chunks.offer(chunk, OFFER_MILLIS, TimeUnit.MILLISECONDS)) {
                // the run is still busy with earlier rows
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected AudienceRow read() {
        while (!current.hasNext()) {
            if (failure instanceof Error error) {
                throw error;
            }
            if (failure != null) {
                throw (RuntimeException) failure;
            }
            if (ended) {
                return null;
            }
            Chunk chunk = take();
            ended = chunk.last();
            current = chunk.rows().iterator();
            failure = chunk.failure();
        }
        return current.next();
    }

    private Chunk take() {
        try {
            return chunks.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The run was interrupted while its audience was read", e);
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
