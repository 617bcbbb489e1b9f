package io.facetimerouter.dev;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * A single-node KRaft broker on 127.0.0.1:9092 with its data under {@code ./data/kafka}, started
 * when {@code KAFKA_BOOTSTRAP_SERVERS} is not set and the Kafka trigger is on. Not a component: only
 * {@link TryFacetimeRouter} imports it, so no test ever starts it.
 */

@Conditional(LocalKafkaBroker.NoBrokerConfigured.class)
class LocalKafkaBroker {

    static final String ADDRESS = "127.0.0.1:9092";
    private static final Path DATA = Path.of("data", "kafka");
    private static final Logger LOG = LoggerFactory.getLogger(LocalKafkaBroker.class);

    @Bean(destroyMethod = "shutdown")
    KafkaRaftServer kafkaBroker(@Value("${router.requests-topic}") String requests,
                                     @Value("${router.results-topic}") String results,
                                     @Value("${router.dlq-topic}") String deadLetters) {
        LOG.warn("KAFKA_BOOTSTRAP_SERVERS is not set: starting a local single-node Kafka broker on {} (data in {})",
                ADDRESS, DATA);
        Properties config = brokerConfig();
        formatOnce(config);
        KafkaRaftServer broker = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        broker.startup();
        createTopics(List.of(requests, results, deadLetters));
        return broker;
    }

    private static Properties brokerConfig() {
        Properties config = new Properties();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.voters", "1@127.0.0.1:9093");
        config.put("listeners", "PLAINTEXT://" + ADDRESS + ",CONTROLLER://127.0.0.1:9093");
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("log.dirs", DATA.toAbsolutePath().toString());
        config.put("num.partitions", "2");
        config.put("offsets.topic.replication.factor", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        return config;
    }

    /** Formats the data directory on the first start only; later starts keep topics, offsets and records. */
    private static void formatOnce(Properties config) {
        if (Files.exists(DATA.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(DATA);
            Path file = DATA.resolveSibling("kafka-server.properties");
            try (Writer writer = Files.newBufferedWriter(file)) {
                config.store(writer, "local broker for trying facetime-router");
            }
            StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", file.toString()},
                    new PrintStream(PrintStream.nullOutputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + DATA + " for the local Kafka broker", e);
        }
    }

    /** The topics exist before the trigger subscribes; this answers only once the broker serves requests. */
    private static void createTopics(List<String> topics) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", ADDRESS))) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, 2, (short) 1)).toList();
            admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics on the local Kafka broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The local Kafka broker did not come up", e);
        }
    }

    static class NoBrokerConfigured implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            var environment = context.getEnvironment();
            return environment.getProperty("KAFKA_BOOTSTRAP_SERVERS") == null
                    && ADDRESS.equals(environment.getProperty("kafka.bootstrap-servers"))
                    && environment.getProperty("router.kafka.enabled", Boolean.class, true);
        }
    }
}
