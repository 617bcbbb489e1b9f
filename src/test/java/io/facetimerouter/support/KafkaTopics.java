package io.facetimerouter.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A Kafka client's view of the broker: produce requests, read what the router wrote, check committed offsets. */
public final class KafkaTopics implements AutoCloseable {

    private final String brokers;
    private final KafkaProducer<String, byte[]> producer;
    private final Admin admin;

    public KafkaTopics(String brokers) {
        this.brokers = brokers;
        Properties config = new Properties();
        config.put("bootstrap.servers", brokers);
        config.put("key.serializer", StringSerializer.class.getName());
        config.put("value.serializer", ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(config);
        this.admin = Admin.create(Map.of("bootstrap.servers", brokers));
    }

    public void send(String topic, String key, String value) {
        send(topic, key, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public void send(String topic, String key, byte[] value) {
        send(topic, key, value, java.util.Map.of());
    }

    /** A record to one partition, whatever its key. */
    public void send(String topic, int partition, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, partition, key, value.getBytes(java.nio.charset.StandardCharsets.UTF_8))).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A record with headers of its own, as any producer may add them. */
    public void send(String topic, String key, byte[] value, java.util.Map<String, String> headers) {
        try {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((name, header) -> record.headers().add(name, header.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            producer.send(record).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every record on the topic so far, read from the beginning by a throwaway consumer. */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    public List<ConsumerRecord<String, byte[]>> readAll(String topic, String key) {
        return readAll(topic).stream().filter(record -> key.equals(record.key())).toList();
    }

    public Map<TopicPartition, Long> endOffsets(String topic) {
        try {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames().get()
                    .get(topic).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<TopicPartition, Long> committedOffsets(String group, String topic) {
        try {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic))
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Moves the group's committed offset back, as if a commit had never happened (the group must be empty). */
    public void rewindCommitted(String group, TopicPartition partition, long offset) {
        try {
            admin.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(offset))).all().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static String value(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
