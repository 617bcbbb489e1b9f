package io.facetimerouter.campaign;

import io.facetimerouter.notify.NotifyChannels;
import java.text.ParseException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Pattern;
import org.quartz.CronExpression;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

/** Every problem of a campaign definition, each as {@code <field>: <problem>}. */
@Component
public class CampaignValidator {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Set<String> FILE_AUDIENCE_TYPES = Set.of("inline", "csv", "blooio-contacts");
    private static final Set<String> SAVED_AUDIENCE_TYPES = Set.of("inline", "uploaded", "blooio-contacts");
    private static final Set<String> PROVIDERS = Set.of("auto", "blooio", "sendblue");
    private static final int MAX_RATE_PER_MINUTE = 6_000_000;
    private static final int MAX_CRON_LENGTH = 200;
    private static final Duration MAX_DEADLINE = Duration.ofDays(30);
    private static final int MAX_INLINE_CONTACTS = 1000;

    private final NotifyChannels channels;
    private final AudienceFiles files;
    private final Clock clock;
    private final Duration minInterval;

    public CampaignValidator(NotifyChannels channels, AudienceFiles files, Clock clock, CampaignProperties properties) {
        this.channels = channels;
        this.files = files;
        this.clock = clock;
        this.minInterval = properties.minInterval();
    }

    /**
     * @param definedInFile a campaign of {@code config/campaigns} may read a CSV file of the audience
     *                      directory; one saved through the API uploads its audience instead, and is
     *                      also refused when its cron never fires again
     */
    public List<String> problems(CampaignDefinition campaign, boolean definedInFile) {
        List<String> problems = new ArrayList<>();
        if (campaign == null) {
            problems.add("the body must be a JSON campaign definition");
            return problems;
        }
        if (campaign.id() == null || !ID.matcher(campaign.id()).matches()) {
            problems.add("id: required, 1 to 63 lower-case letters, digits or '-', starting with a letter or digit");
        }
        zoneProblem("time-zone", campaign.timeZone()).ifPresent(problems::add);
        Optional<String> cronProblem = cronProblem(campaign);
        cronProblem.ifPresent(problems::add);
        if (cronProblem.isEmpty()) {
            tooOftenProblem(campaign).ifPresent(problems::add);
        }
        if (cronProblem.isEmpty() && !definedInFile) {
            neverFiresProblem(campaign).ifPresent(problems::add);
        }
        audienceProblems(campaign.audience(), definedInFile, problems);
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
                Duration deadline = DurationStyle.detectAndParse(campaign.deadline());
                if (deadline.isNegative() || deadline.isZero() || deadline.compareTo(MAX_DEADLINE) > 0) {
                    problems.add("deadline: between 1s and " + MAX_DEADLINE.toDays() + " days");
                }
            } catch (RuntimeException e) {
                problems.add("deadline: a duration such as 30m or 2h");
            }
        }
        return problems;
    }

    private static Optional<String> cronProblem(CampaignDefinition campaign) {
        if (campaign.cron() == null || campaign.cron().length() > MAX_CRON_LENGTH
                || !CronExpression.isValidExpression(campaign.cron())) {
            return Optional.of("cron: required, a Quartz cron expression with seconds first, such as \"0 0 9 * * ?\"");
        }
        return Optional.empty();
    }

    /**
     * Each run calls the whole audience, so a cron that fires more often than the least interval (by
     * default a minute; the classic slip: {@code * 0 9 * * ?} for 09:00) would call everyone again and
     * again, and add a run to the database each time. The gaps between its next three fire times show it:
     * with a seconds field of several seconds, the first fire in a minute is followed by that minute's next.
     */
    private Optional<String> tooOftenProblem(CampaignDefinition campaign) {
        CronExpression cron;
        try {
            cron = new CronExpression(campaign.cron());
        } catch (ParseException e) {
            return Optional.empty();
        }
        Date fire = Date.from(clock.instant());
        Date previous = null;
        for (int i = 0; i < 3; i++) {
            Date next = cron.getNextValidTimeAfter(fire);
            if (next == null) {
                return Optional.empty();
            }
            if (previous != null && next.getTime() - previous.getTime() < minInterval.toMillis()) {
                return Optional.of("cron: fires more often than once every " + DurationStyle.SIMPLE.print(minInterval, ChronoUnit.SECONDS)
                        + " (" + campaign.cron() + "); each run calls the whole audience (ROUTER_CAMPAIGNS_MININTERVAL)");
            }
            previous = next;
            fire = next;
        }
        return Optional.empty();
    }

    /**
     * A cron that will not fire again (its years are past) would make its schedule fail to start. A
     * campaign saved through the API is refused for it; a campaign file that has outlived its cron is
     * marked BROKEN instead, since time alone must not stop the service from starting.
     */
    public Optional<String> neverFiresProblem(CampaignDefinition campaign) {
        try {
            CronExpression cron = new CronExpression(campaign.cron());
            cron.setTimeZone(TimeZone.getTimeZone(zoneProblem("time-zone", campaign.timeZone()).isPresent()
                    ? ZoneId.of("UTC") : campaign.zone()));
            return cron.getNextValidTimeAfter(Date.from(clock.instant())) == null
                    ? Optional.of("cron: never fires again (" + campaign.cron() + ")") : Optional.empty();
        } catch (ParseException | RuntimeException e) {
            return Optional.of("cron: cannot be scheduled: " + e.getMessage());
        }
    }

    private void audienceProblems(CampaignDefinition.Audience audience, boolean definedInFile, List<String> problems) {
        Set<String> types = definedInFile ? FILE_AUDIENCE_TYPES : SAVED_AUDIENCE_TYPES;
        if (audience == null || audience.type() == null || !types.contains(audience.type())) {
            problems.add("audience.type: required, one of " + String.join(", ", types.stream().sorted().toList())
                    + (definedInFile ? "" : " (csv files are for campaigns defined in files: upload the audience instead)"));
            return;
        }
        if (audience.file() != null && !"csv".equals(audience.type())) {
            problems.add("audience.file: only a csv audience of a campaign defined in a file names a file");
        }
        if (audience.contacts() != null && !"inline".equals(audience.type())) {
            problems.add("audience.contacts: only an inline audience lists contacts");
        }
        switch (audience.type()) {
            case "inline" -> {
                if (audience.contacts() == null || audience.contacts().isEmpty()) {
                    problems.add("audience.contacts: an inline audience needs at least one contact");
                } else if (audience.contacts().size() > MAX_INLINE_CONTACTS) {
                    problems.add("audience.contacts: at most " + MAX_INLINE_CONTACTS + " (upload a CSV audience for more)");
                } else {
                    for (int i = 0; i < audience.contacts().size(); i++) {
                        CampaignDefinition.Contact contact = audience.contacts().get(i);
                        if (contact == null || contact.handle() == null || contact.handle().isBlank()) {
                            problems.add("audience.contacts[" + i + "]: needs a handle");
                        } else if (contact.metadata() != null && contact.metadata().containsValue(null)) {
                            problems.add("audience.contacts[" + i + "].metadata: values must be strings, not null");
                        }
                    }
                }
            }
            case "csv" -> {
                if (files.resolve(audience.file()).isEmpty()) {
                    problems.add(AudienceFiles.PROBLEM);
                }
            }
            default -> {
                // Blooio's contact list is read, and an uploaded audience checked, when the run starts
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
