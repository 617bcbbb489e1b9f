package io.facetimerouter.campaign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Audience files of campaigns defined in files, confined to {@code router.campaigns.audience-dir}: a
 * name is taken relative to that directory (or to the working directory, as in
 * {@code config/campaigns/x.csv}), and its real path, symlinks resolved, must be a regular file inside
 * the directory. Every other name gets the same answer, whether or not something exists there.
 */
@Component
public class AudienceFiles {

    static final String PROBLEM = "audience.file: must name a regular file inside the audience directory"
            + " (ROUTER_CAMPAIGNS_AUDIENCEDIR)";

    private final Path directory;

    public AudienceFiles(CampaignProperties properties) {
        this.directory = Path.of(properties.audienceDir());
    }

    /** The file's real path, when the name is allowed. */
    public Optional<Path> resolve(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        try {
            Path root = directory.toRealPath();
            for (Path candidate : List.of(root.resolve(name), Path.of(name))) {
                Optional<Path> inside = inside(root, candidate);
                if (inside.isPresent()) {
                    return inside;
                }
            }
        } catch (IOException | InvalidPathException e) {
            // no such directory, or a name no file system takes: not allowed either way
        }
        return Optional.empty();
    }

    private static Optional<Path> inside(Path root, Path candidate) {
        try {
            Path real = candidate.toRealPath();
            boolean allowed = real.startsWith(root) && !real.equals(root)
                    && Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS);
            return allowed ? Optional.of(real) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
