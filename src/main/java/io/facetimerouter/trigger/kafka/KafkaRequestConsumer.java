package io.facetimerouter.trigger.kafka;

import io.facetimerouter.pipeline.PublishingBurst;
import io.facetimerouter.provider.ProviderAvailability;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads the requests topic and runs every record through {@code direct:kafka-call-request}
 * ({@code routes/kafka-trigger.yaml}), up to {@code router.kafka.max-in-flight} at once over all the
 * partitions it reads: one slow provider answer holds up only the records with the same ordering key
 * ({@link OrderingKeys}), not its whole partition.
 *
 * <p>Nothing is lost and nothing skipped: the offset committed for a partition never passes its
 * lowest unfinished record ({@link UnfinishedOffsets}); a record whose route fails (every provider's
 * circuit open, the ledger down) is tried again after a back-off, in its turn, never dropped. While
 * every provider's circuit is open, or all workers are busy, the partitions are paused (the instance
 * stays in its group). A revoked partition's records in flight are waited for up to
 * {@code router.kafka.drain-timeout} and committed; anything later is read again by the next owner,
 * and the ledger answers it without a second call.
 *
 * <p>Camel's own Kafka consumer is not used here: it records every record's offset as done once the
 * route returns, and commits only from its polling thread, so it cannot hand records to workers and
 * still commit below the unfinished ones. Confluent's parallel-consumer orders every record without a
 * key as one key, which would serialise the records of producers that set none (Kafka's console
 * producer among them).
 */
@Component
public class KafkaRequestConsumer extends EventNotifierSupport implements CamelContextConfiguration {

    static final String ENDPOINT = "direct:kafka-call-request";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaRequestConsumer.class);
    /** How long the poll loop waits for records, or for a worker, before it commits what finished. */
    private static final Duration TICK = Duration.ofMillis(100);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);
    private static final List<String> TRACE_HEADERS = List.of("traceparent", "tracestate");
    /** W3C's own limit for tracestate; a traceparent is 55 bytes. */
    private static final int MAX_TRACE_HEADER_BYTES = 512;

    private final KafkaTriggerProperties properties;
    private final String brokers;
    private final String topic;
    private final ProviderAvailability availability;
    private final PublishingBurst burst;
    private final MeterRegistry meters;
    private ProducerTemplate camel;

    private final Object lifecycle = new Object();
    private volatile boolean running;
    private Thread poller;
    private ExecutorService workers;
    private volatile KafkaConsumer<String, byte[]> consumer;
    /** The consumer's own metrics (lag, fetch rates, commits) as kafka_consumer_* meters. */
    private KafkaClientMetrics consumerMetrics;
    private volatile Semaphore permits;
    private UnfinishedOffsets offsets;
    private volatile int partitionsAssigned;
    private volatile boolean paused;
    /** Read, not yet handed to a worker (the poll thread's alone). */
    private final Queue<ConsumerRecord<String, byte[]>> waiting = new ArrayDeque<>();
    /** Completed (and replaced) when a provider's circuit lets calls through again: failed records retry then. */
    private final AtomicReference<CompletableFuture<Void>> providerBack = new AtomicReference<>(new CompletableFuture<>());
    /** Each ordering key's last record started: the next one of that key runs after it. */
    private final Map<String, CompletableFuture<Void>> lastOfKey = new HashMap<>();

    public KafkaRequestConsumer(KafkaTriggerProperties properties, @Value("${kafka.bootstrap-servers}") String brokers,
                                @Value("${router.requests-topic}") String topic, ProviderAvailability availability,
                                PublishingBurst burst, MeterRegistry meters) {
        this.properties = properties;
        this.meters = meters;
        Gauge.builder("facetime.kafka.requests.in.flight", this, KafkaRequestConsumer::inFlight)
                .description("Records of the requests topic being processed").register(meters);
        this.brokers = brokers;
        this.topic = topic;
        this.availability = availability;
        this.burst = burst;
        availability.onChange(() -> {
            if (availability.anyAvailable()) {
                providerBack.getAndSet(new CompletableFuture<>()).complete(null);
            }
        });
    }

    @Override
    public void beforeApplicationStart(CamelContext context) {
        camel = context.createProducerTemplate();
        context.getManagementStrategy().addEventNotifier(this);
    }

    /** Reads once every route is started. */
    @Override
    public void afterApplicationStart(CamelContext context) {
        if (properties.enabled()) {
            startReading();
        }
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextStoppingEvent;
    }

    /** Stops reading, and drains, before any route stops. */
    @Override
    public void notify(CamelEvent event) {
        stopReading();
    }

    void startReading() {
        synchronized (lifecycle) {
            if (running) {
                return;
            }
            running = true;
            AtomicInteger threads = new AtomicInteger();
            workers = Executors.newFixedThreadPool(properties.maxInFlight(),
                    task -> new Thread(task, "kafka-request-" + threads.incrementAndGet()));
            permits = new Semaphore(properties.maxInFlight());
            offsets = new UnfinishedOffsets();
            consumer = new KafkaConsumer<>(consumerConfig());
            consumerMetrics = new KafkaClientMetrics(consumer);
            consumerMetrics.bindTo(meters);
            poller = new Thread(this::pollUntilStopped, "kafka-requests-poll");
            poller.start();
            LOG.info("Reading call requests from {} in group {}, up to {} at once", topic, properties.groupId(),
                    properties.maxInFlight());
        }
    }

    /** Stops reading, waits up to the drain timeout for the records in flight, commits what finished. */
    void stopReading() {
        synchronized (lifecycle) {
            if (!running) {
                return;
            }
            running = false;
            consumer.wakeup();
            try {
                poller.join(properties.drainTimeout().plusSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            workers.shutdownNow();
            consumerMetrics.close();
        }
    }

    /**
     * What the reader is doing, for health: whether it runs, its partitions, whether it holds back
     * (every worker busy, or every provider's circuit open), the records in flight, and whether the
     * client holds a connection to any broker.
     */
    public ReaderStatus status() {
        // not under the lifecycle lock: a health check must not wait for a stop's drain
        KafkaConsumer<String, byte[]> reader = consumer;
        if (!running || reader == null) {
            return new ReaderStatus(false, 0, false, 0, false);
        }
        // metrics() is safe from any thread, unlike the rest of the consumer
        boolean connected = reader.metrics().entrySet().stream()
                .anyMatch(metric -> metric.getKey().name().equals("connection-count")
                        && metric.getKey().group().equals("consumer-metrics")
                        && metric.getValue().metricValue() instanceof Double connections && connections > 0);
        return new ReaderStatus(true, partitionsAssigned, paused, inFlight(), connected);
    }

    private int inFlight() {
        Semaphore free = permits;
        return running && free != null ? properties.maxInFlight() - free.availablePermits() : 0;
    }

    public record ReaderStatus(boolean reading, int partitions, boolean paused, int inFlight, boolean brokerConnected) {
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "facetime-router-requests");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // a poll brings at most what the workers can take: the rest stays on the broker
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxInFlight());
        // a rebalance moves only the partitions that change owner: the others keep their records in flight
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    private void pollUntilStopped() {
        try (KafkaConsumer<String, byte[]> reader = consumer) {
            reader.subscribe(List.of(topic), new Rebalance());
            while (running) {
                try {
                    pollAndStart(reader);
                } catch (WakeupException stopping) {
                    // stopReading() woke the poll up
                } catch (RuntimeException e) {
                    // the broker, or the client, failed this round: the records read stay uncommitted until done
                    LOG.error("Reading {} failed, trying again in {} s: {}", topic, FIRST_RETRY.toSeconds(), e.toString());
                    pauseAfterFailure();
                }
            }
            waiting.clear();
            handOver(reader, reader.assignment());
        }
    }

    private void pollAndStart(KafkaConsumer<String, byte[]> reader) {
        while (running) {
            startWaitingRecords();
            boolean yielding = burst.active();
            boolean hold = yielding || !waiting.isEmpty() || !availability.anyAvailable();
            paused = hold;
            if (hold) {
                // every time: partitions assigned since the pause are paused too
                reader.pause(reader.assignment());
            } else if (!reader.paused().isEmpty()) {
                reader.resume(reader.paused());
            }
            boolean workersBusy = !yielding && !waiting.isEmpty();
            for (ConsumerRecord<String, byte[]> record : reader.poll(workersBusy ? Duration.ZERO : TICK)) {
                waiting.add(record);
            }
            startWaitingRecords();
            commitFinished(reader);
        }
    }

    private void pauseAfterFailure() {
        try {
            Thread.sleep(FIRST_RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * Hands waiting records to the workers while any is free, waiting a tick for one at most; none while a
     * campaign run of this instance publishes at full speed, which has the CPU first.
     */
    private void startWaitingRecords() {
        try {
            while (!waiting.isEmpty() && !burst.active() && permits.tryAcquire(TICK.toMillis(), TimeUnit.MILLISECONDS)) {
                start(waiting.poll());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void start(ConsumerRecord<String, byte[]> record) {
        Runnable finish = offsets.read(new TopicPartition(record.topic(), record.partition()), record.offset());
        String key = OrderingKeys.of(record);
        CompletableFuture<Void> work = key == null ? process(record, finish, FIRST_RETRY) : afterSameKey(key, record, finish);
        work.whenComplete((done, failure) -> permits.release());
    }

    private CompletableFuture<Void> afterSameKey(String key, ConsumerRecord<String, byte[]> record, Runnable finish) {
        synchronized (lastOfKey) {
            CompletableFuture<Void> previous = lastOfKey.getOrDefault(key, CompletableFuture.completedFuture(null));
            CompletableFuture<Void> next = previous.thenCompose(done -> process(record, finish, FIRST_RETRY));
            lastOfKey.put(key, next);
            next.whenComplete((done, failure) -> {
                synchronized (lastOfKey) {
                    lastOfKey.remove(key, next);
                }
            });
            return next;
        }
    }

    /** Runs the record through the route until it succeeds or this instance stops; never completes exceptionally. */
    private CompletableFuture<Void> process(ConsumerRecord<String, byte[]> record, Runnable finish, Duration retryIn) {
        return CompletableFuture.supplyAsync(() -> camel.send(ENDPOINT, exchange -> toExchange(record, exchange)), workers)
                .handle((exchange, rejected) -> rejected == null ? exchange.getException() : rejected)
                .thenCompose(failure -> {
                    if (failure == null) {
                        finish.run();
                        return CompletableFuture.completedFuture(null);
                    }
                    if (!running) {
                        // left unfinished, so uncommitted: read again after the restart
                        return CompletableFuture.completedFuture(null);
                    }
                    LOG.warn("Record {}-{}@{} failed ({}); trying it again in {} s, or once a provider is back",
                            record.topic(), record.partition(),
                            record.offset(), failure.getClass().getSimpleName(), retryIn.toSeconds());
                    Duration after = retryIn.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retryIn.multipliedBy(2);
                    CompletableFuture<Void> backOff = CompletableFuture.runAsync(() -> { },
                            CompletableFuture.delayedExecutor(retryIn.toMillis(), TimeUnit.MILLISECONDS));
                    return CompletableFuture.anyOf(backOff, providerBack.get())
                            .thenCompose(retry -> process(record, finish, after));
                });
    }

    private static void toExchange(ConsumerRecord<String, byte[]> record, Exchange exchange) {
        Message message = exchange.getMessage();
        message.setBody(record.value());
        message.setHeader(KafkaConstants.TOPIC, record.topic());
        message.setHeader(KafkaConstants.PARTITION, record.partition());
        message.setHeader(KafkaConstants.OFFSET, record.offset());
        message.setHeader(KafkaConstants.KEY, record.key());
        message.setHeader(KafkaConstants.TIMESTAMP, record.timestamp());
        // the producer's W3C trace context: the call continues its trace (when tracing is on)
        for (String traceHeader : TRACE_HEADERS) {
            Header header = record.headers().lastHeader(traceHeader);
            if (header != null && header.value() != null && header.value().length <= MAX_TRACE_HEADER_BYTES) {
                message.setHeader(traceHeader, new String(header.value(), StandardCharsets.UTF_8));
            }
        }
    }

    private void commitFinished(KafkaConsumer<String, byte[]> reader) {
        Map<TopicPartition, OffsetAndMetadata> finished = offsets.toCommit();
        if (!finished.isEmpty()) {
            reader.commitAsync(finished, (committed, failure) -> {
                if (failure == null) {
                    offsets.committed(committed);
                } else {
                    LOG.warn("Committing offsets of {} failed, tried again with the next: {}", topic, failure.toString());
                }
            });
        }
    }

    /** Drops the records of these partitions not yet started: the partition's next reader reads them. */
    private void dropWaiting(Collection<TopicPartition> partitions) {
        waiting.removeIf(record -> partitions.contains(new TopicPartition(record.topic(), record.partition())));
    }

    /** Waits for the records in flight of these partitions, then commits what finished. */
    private void handOver(KafkaConsumer<String, byte[]> reader, Collection<TopicPartition> partitions) {
        dropWaiting(partitions);
        try {
            int left = offsets.awaitFinished(partitions, properties.drainTimeout().toMillis());
            if (left > 0) {
                LOG.warn("{} records of {} still running after {}: left to the partitions' next reader", left,
                        partitions, properties.drainTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<TopicPartition, OffsetAndMetadata> finished = offsets.toCommit(partitions);
        offsets.forget(partitions);
        if (!finished.isEmpty()) {
            try {
                commitSync(reader, finished);
            } catch (RuntimeException e) {
                LOG.warn("Committing offsets of {} on hand-over failed; the next reader reads from the last commit: {}",
                        partitions, e.toString());
            }
        }
    }

    private static void commitSync(KafkaConsumer<String, byte[]> reader, Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            reader.commitSync(offsets);
        } catch (WakeupException stopping) {
            // the wake-up meant for the poll: the commit itself is still wanted
            reader.commitSync(offsets);
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                LOG.info("Handing over partitions {}", partitions);
                handOver(consumer, partitions);
            }
            partitionsAssigned = consumer.assignment().size() - partitions.size();
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // nothing to set up: offsets are tracked from the first record read
            if (!partitions.isEmpty()) {
                LOG.info("Reading partitions {}", partitions);
            }
            partitionsAssigned = consumer.assignment().size();
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // another instance owns them already: nothing may be committed for them
            dropWaiting(partitions);
            offsets.forget(partitions);
            partitionsAssigned = 0;
        }
    }
}
