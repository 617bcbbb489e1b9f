package io.facetimerouter.notify;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The notification channels this deployment offers, and the default set for requests that name none. */
@Component
public class NotifyChannels {

    public static final String KAFKA = "kafka";
    public static final String WEBHOOK = "webhook";
    public static final String MESSAGE = "message";
    public static final String LOG = "log";

    private final Set<String> available = new LinkedHashSet<>();
    private final List<String> defaults;

    public NotifyChannels(NotifyProperties properties, @Value("${router.kafka.enabled}") boolean kafkaEnabled,
                          List<MessageSender> senders) {
        if (kafkaEnabled) {
            available.add(KAFKA);
        }
        if (!properties.webhook().subscribers().isEmpty()) {
            available.add(WEBHOOK);
        }
        if (senders.stream().anyMatch(MessageSender::enabled)) {
            available.add(MESSAGE);
        }
        available.add(LOG);
        this.defaults = normalise(properties.defaultChannels());
        problem(defaults).ifPresent(problem -> {
            throw new IllegalStateException("router.notify.default-channels: " + problem);
        });
    }

    /** The channels this instance can deliver to. */
    public Set<String> available() {
        return Set.copyOf(available);
    }

    /** What is wrong with a request's channel names, if anything. */
    public Optional<String> problem(List<String> requested) {
        if (requested == null) {
            return Optional.empty();
        }
        return normalise(requested).stream()
                .filter(name -> !available.contains(name))
                .findFirst()
                .map(name -> "notify names '" + name + "', which is not a channel here; channels: "
                        + String.join(", ", available));
    }

    /** The channels an outcome goes to: those requested, or the defaults. */
    public List<String> channelsFor(List<String> requested) {
        return requested == null || problem(requested).isPresent() ? defaults : normalise(requested);
    }

    private static List<String> normalise(List<String> names) {
        return names.stream()
                .filter(name -> name != null && !name.isBlank())
                .map(name -> name.strip().toLowerCase(Locale.ROOT))
                .distinct()
                .toList();
    }
}
