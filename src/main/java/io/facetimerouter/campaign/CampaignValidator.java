package io.facetimerouter.campaign;

import io.facetimerouter.notify.NotifyChannels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.quartz.CronExpression;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

/** Every problem of a campaign definition, each as {@code <field>: <problem>}. */
@Component
public class CampaignValidator {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Set<String> AUDIENCE_TYPES = Set.of("inline", "csv", "blooio-contacts");
    private static final Set<String> PROVIDERS = Set.of("auto", "blooio", "sendblue");
    private static final int MAX_RATE_PER_MINUTE = 600_000;

    private final NotifyChannels channels;

    public CampaignValidator(NotifyChannels channels) {
        this.channels = channels;
    }

    public List<String> problems(CampaignDefinition campaign) {
        List<String> problems = new ArrayList<>();
        if (campaign.id() == null || !ID.matcher(campaign.id()).matches()) {
            problems.add("id: required, 1 to 63 lower-case letters, digits or '-', starting with a letter or digit");
        }
        if (campaign.cron() == null || !CronExpression.isValidExpression(campaign.cron())) {
            problems.add("cron: required, a Quartz cron expression with seconds first, such as \"0 0 9 * * ?\"");
        }
        zoneProblem("time-zone", campaign.timeZone()).ifPresent(problems::add);
        audienceProblems(campaign.audience(), problems);
        if (campaign.provider() != null && !PROVIDERS.contains(campaign.provider())) {
            problems.add("provider: one of auto, blooio, sendblue");
        }
        channels.problem(campaign.channels()).ifPresent(problem -> problems.add("notify: " + problem));
        if (campaign.ratePerMinute() != null && (campaign.ratePerMinute() < 1 || campaign.ratePerMinute() > MAX_RATE_PER_MINUTE)) {
            problems.add("rate-per-minute: between 1 and " + MAX_RATE_PER_MINUTE);
        }
        quietHoursProblems(campaign.quietHours(), problems);
        if (campaign.deadline() != null) {
            try {
                if (DurationStyle.detectAndParse(campaign.deadline()).isNegative()
                        || DurationStyle.detectAndParse(campaign.deadline()).isZero()) {
                    problems.add("deadline: must be positive");
                }
            } catch (IllegalArgumentException e) {
                problems.add("deadline: a duration such as 30m or 2h");
            }
        }
        return problems;
    }

    private static void audienceProblems(CampaignDefinition.Audience audience, List<String> problems) {
        if (audience == null || audience.type() == null || !AUDIENCE_TYPES.contains(audience.type())) {
            problems.add("audience.type: required, one of inline, csv, blooio-contacts");
            return;
        }
        switch (audience.type()) {
            case "inline" -> {
                if (audience.contacts() == null || audience.contacts().isEmpty()) {
                    problems.add("audience.contacts: an inline audience needs at least one contact");
                }
            }
            case "csv" -> {
                if (audience.file() == null || !Files.isReadable(Path.of(audience.file()))) {
                    problems.add("audience.file: a readable CSV file is required (" + audience.file() + ")");
                }
            }
            default -> {
                // Blooio's contact list is read when the run starts
            }
        }
    }

    private static void quietHoursProblems(CampaignDefinition.QuietHours quietHours, List<String> problems) {
        if (quietHours == null) {
            return;
        }
        for (String[] field : new String[][] {{"start", quietHours.start()}, {"end", quietHours.end()}}) {
            try {
                LocalTime.parse(field[1] == null ? "" : field[1]);
            } catch (DateTimeParseException e) {
                problems.add("quiet-hours." + field[0] + ": a time of day such as 21:00");
            }
        }
        zoneProblem("quiet-hours.time-zone", quietHours.timeZone()).ifPresent(problems::add);
    }

    private static Optional<String> zoneProblem(String field, String zone) {
        if (zone == null) {
            return Optional.empty();
        }
        try {
            ZoneId.of(zone);
            return Optional.empty();
        } catch (DateTimeException e) {
            return Optional.of(field + ": an IANA time zone such as Europe/Paris (got " + zone + ")");
        }
    }
}
