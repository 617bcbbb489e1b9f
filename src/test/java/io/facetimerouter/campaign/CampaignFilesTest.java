package io.facetimerouter.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facetimerouter.config.ConfigurationProblem;
import io.facetimerouter.notify.NotifyChannels;
import io.facetimerouter.notify.NotifyProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

class CampaignFilesTest {

    @TempDir
    Path directory;

    @TempDir
    Path audienceDirectory;

    private CampaignValidator validator() {
        return new CampaignValidator(new NotifyChannels(
                new NotifyProperties(List.of("log"), null, null, null, null,
                        new NotifyProperties.Webhook(null, 1, null, null), null), false, List.of()),
                new AudienceFiles(properties()), Clock.systemUTC(), properties());
    }

    @Test
    void aValidDefinitionIsLoadedWithItsDefaults() throws IOException {
        write("checkin.yaml", """
                id: daily-checkin
                cron: "0 0 9 * * ?"
                time-zone: America/New_York
                audience:
                  type: inline
                  contacts:
                    - handle: "+15551234567"
                      name: Ada
                notify: [log]
                quiet-hours:
                  start: "21:00"
                  end: "08:00"
                """);

        List<CampaignDefinition> campaigns = files().load();

        assertThat(campaigns).singleElement().satisfies(campaign -> {
            assertThat(campaign.id()).isEqualTo("daily-checkin");
            assertThat(campaign.zone()).isEqualTo(ZoneId.of("America/New_York"));
            assertThat(campaign.isEnabled()).isTrue();
            assertThat(campaign.rate()).isEqualTo(60);
            assertThat(campaign.runDeadline()).isEqualTo(Duration.ofHours(1));
            assertThat(campaign.audience().contacts()).extracting(CampaignDefinition.Contact::name).containsExactly("Ada");
        });
    }

    @Test
    void anInvalidDefinitionStopsStartUpNamingFileFieldAndProblem() throws IOException {
        Path file = write("broken.yaml", """
                id: Broken_Id
                cron: "every morning"
                time-zone: Mars/Olympus
                audience:
                  type: csv
                  file: no/such/file.csv
                notify: [pager]
                rate-per-minute: 0
                quiet-hours:
                  start: "25:00"
                  end: "08:00"
                deadline: soon
                """);

        assertThatThrownBy(() -> files().load())
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessageContaining(file + ": id: required")
                .hasMessageContaining(file + ": cron: required, a Quartz cron expression")
                .hasMessageContaining(file + ": time-zone: an IANA time zone such as Europe/Paris (got Mars/Olympus)")
                .hasMessageContaining(file + ": " + AudienceFiles.PROBLEM)
                .hasMessageContaining(file + ": notify: notify names 'pager'")
                .hasMessageContaining(file + ": rate-per-minute: between 1 and 6000000")
                .hasMessageContaining(file + ": quiet-hours.start: a time of day such as 21:00")
                .hasMessageContaining(file + ": deadline: a duration such as 30m or 2h");
    }

    @Test
    void anUnknownKeyIsAProblemThatNamesIt() throws IOException {
        Path file = write("typo.yaml", """
                id: typo
                cron: "0 0 9 * * ?"
                audeince:
                  type: inline
                """);

        assertThatThrownBy(() -> files().load())
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessageContaining(file + ": not a campaign definition: Unrecognized field \"audeince\"");
    }

    @Test
    void theSameIdInTwoFilesIsAProblem() throws IOException {
        String definition = """
                id: twice
                cron: "0 0 9 * * ?"
                audience:
                  type: blooio-contacts
                """;
        write("a.yaml", definition);
        Path second = write("b.yaml", definition);

        assertThatThrownBy(() -> files().load())
                .hasMessageContaining(second + ": id: twice is defined in another file too");
    }

    @Test
    void aFileWhoseCronNeverFiresAgainLoadsAndIsReportedAsSuch() throws IOException {
        write("past.yaml", """
                id: past
                cron: "0 0 9 1 1 ? 2020"
                audience:
                  type: blooio-contacts
                """);

        List<CampaignDefinition> campaigns = files().load();

        assertThat(campaigns).extracting(CampaignDefinition::id).containsExactly("past");
        assertThat(validator().neverFiresProblem(campaigns.get(0))).contains("cron: never fires again (0 0 9 1 1 ? 2020)");
    }

    @Test
    void aCampaignSavedThroughTheApiWhoseCronNeverFiresAgainIsAProblem() {
        CampaignDefinition saved = new CampaignDefinition("past", "0 0 9 1 1 ? 2020", null, null,
                new CampaignDefinition.Audience("blooio-contacts", null, null), null, null, null, null, null);

        assertThat(validator().problems(saved, false)).containsExactly("cron: never fires again (0 0 9 1 1 ? 2020)");
    }

    @Test
    void anAudienceFileInsideTheAudienceDirectoryIsAccepted() throws IOException {
        Files.writeString(audienceDirectory.resolve("list.csv"), "handle\n+15551234567\n");
        write("inside.yaml", """
                id: inside
                cron: "0 0 9 * * ?"
                audience:
                  type: csv
                  file: list.csv
                """);

        assertThat(files().load()).extracting(CampaignDefinition::id).containsExactly("inside");
    }

    @Test
    void audienceFilesOutsideTheAudienceDirectoryAllGetOneAnswerWhetherOrNotTheyExist() throws IOException {
        Path outside = Files.writeString(directory.resolve("outside.csv"), "handle\n+15551234567\n");
        Files.createSymbolicLink(audienceDirectory.resolve("link.csv"), outside);
        Files.createDirectory(audienceDirectory.resolve("sub.csv"));
        AudienceFiles files = new AudienceFiles(properties());

        for (String name : List.of(outside.toString(), "../" + directory.relativize(outside), "link.csv", "sub.csv",
                "/etc/passwd", "/proc/self/environ", "/dev/zero", "no-such.csv", "a\u0000b.csv", "", ".")) {
            assertThat(files.resolve(name)).as(name).isEmpty();
        }
    }

    @Test
    void aCampaignSavedThroughTheApiCannotNameAFile() {
        CampaignDefinition saved = new CampaignDefinition("api", "0 0 9 * * ?", null, null,
                new CampaignDefinition.Audience("csv", null, "list.csv"), null, null, null, null, null);

        assertThat(validator().problems(saved, false))
                .containsExactly("audience.type: required, one of blooio-contacts, inline, uploaded"
                        + " (csv files are for campaigns defined in files: upload the audience instead)");
    }

    @Test
    void everyProblemOfAnInlineAudienceIsListed() {
        CampaignDefinition saved = new CampaignDefinition("api", "0 0 9 * * ?", "Nowhere/City", null,
                new CampaignDefinition.Audience("inline", java.util.Arrays.asList(null,
                        new CampaignDefinition.Contact(" ", null, null)), null), null, null, null, null, "99999d");

        assertThat(validator().problems(saved, false)).containsExactly(
                "time-zone: an IANA time zone such as Europe/Paris (got Nowhere/City)",
                "audience.contacts[0]: needs a handle",
                "audience.contacts[1]: needs a handle",
                "deadline: between 1s and 30 days");
    }

    @Test
    void aNegativeLeastIntervalBetweenRunsIsRefusedWithItsVariable() {
        assertThatThrownBy(() -> new CampaignProperties(directory.toString(), Duration.ofSeconds(30),
                audienceDirectory.toString(), DataSize.ofMegabytes(1), true, Duration.ofSeconds(-60)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("router.campaigns.min-interval must be 0 (any cron) or longer, was PT-1M"
                        + " (ROUTER_CAMPAIGNS_MININTERVAL)");
    }

    private CampaignProperties properties() {
        return new CampaignProperties(directory.toString(), Duration.ofSeconds(30), audienceDirectory.toString(),
                DataSize.ofMegabytes(1), true, Duration.ofMinutes(1));
    }

    private CampaignFiles files() {
        return new CampaignFiles(validator(), properties());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content);
    }
}
