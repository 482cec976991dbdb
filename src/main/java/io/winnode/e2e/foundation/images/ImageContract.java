package io.winnode.e2e.foundation.images;

import io.winnode.e2e.foundation.files.ProjectFiles;
import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.foundation.yaml.YamlFiles;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The image contract ({@code images/contract/}): for every image of the catalog, what the real
 * image holds per OS (see {@code images/README.md}), and what a Windows HostProcess container sees.
 * It describes the real images, not the suite: the framework checks its command lines against it,
 * and the simulator's containers run only what it lists.
 */
public final class ImageContract {

    public static final String DIRECTORY = "images/contract";
    public static final String HOST_PROCESS_FILE = DIRECTORY + "/host-process.yaml";

    private static volatile ImageContract project;

    private final Map<String, ImageContractFile> byName;
    private final HostProcessView hostProcess;

    ImageContract(Map<String, ImageContractFile> byName, HostProcessView hostProcess) {
        this.byName = Map.copyOf(byName);
        this.hostProcess = hostProcess;
    }

    /** The project's contract, read once: one file per image of {@code images/catalog.yaml}. */
    public static ImageContract project() {
        ImageContract c = project;
        if (c == null) {
            synchronized (ImageContract.class) {
                if (project == null) {
                    project = load(CatalogListing.read());
                }
                c = project;
            }
        }
        return c;
    }

    /**
     * Reads {@code images/contract/<name>.yaml} for each catalog image and the HostProcess view, and
     * checks each file, also against what the catalog says of its image.
     */
    public static ImageContract load(List<CatalogListing.Entry> images) {
        Map<String, ImageContractFile> files = new LinkedHashMap<>();
        for (CatalogListing.Entry image : images) {
            String name = image.name();
            String relative = DIRECTORY + "/" + name + ".yaml";
            if (!ProjectFiles.exists(relative)) {
                throw new InvalidInputException("Image '" + name + "' of " + CatalogListing.FILE + " has no contract: "
                        + relative + " is missing. Write it (format in images/README.md) from the image's Dockerfile.");
            }
            ImageContractFile file = YamlFiles.readProjectFile(relative, ImageContractFile.class);
            validate(file, ProjectFiles.describe(relative), image);
            files.put(name, file);
        }
        HostProcessView host = YamlFiles.readProjectFile(HOST_PROCESS_FILE, HostProcessView.class);
        validateHost(host, ProjectFiles.describe(HOST_PROCESS_FILE));
        return new ImageContract(files, host);
    }

    /** Checks one contract file read from {@code origin}, which should describe the catalog's image {@code catalogImage}. */
    static void validate(ImageContractFile file, String origin, CatalogListing.Entry catalogImage) {
        String expectedName = catalogImage.name();
        require(file.image(), origin, "image", "the image's logical name as in " + CatalogListing.FILE);
        if (!file.image().equals(expectedName)) {
            throw new InvalidInputException(origin + " describes image '" + file.image() + "' but is the contract of '"
                    + expectedName + "'. Set 'image: " + expectedName + "' or rename the file.");
        }
        require(file.repository(), origin, "repository", "the repository name, e.g. 'agnhost'");
        if (!file.repository().equals(catalogImage.repository())) {
            throw new InvalidInputException(origin + " says repository '" + file.repository() + "' but " + CatalogListing.FILE
                    + " has '" + catalogImage.repository() + "' for image '" + expectedName + "'. Make them agree.");
        }
        if (file.variants() == null || file.variants().isEmpty()) {
            throw new InvalidInputException(origin + " lists no variants; add one 'variants:' entry per OS the image runs on.");
        }
        Set<String> seen = new HashSet<>();
        for (ImageVariant v : file.variants()) {
            String where = origin + ", variant '" + v.os() + "'";
            if (v.os() == null || !(v.os().equals("linux") || v.os().equals("windows"))) {
                throw new InvalidInputException(where + ": 'os' must be 'linux' or 'windows'.");
            }
            if (!seen.add(v.os())) {
                throw new InvalidInputException(where + ": a second variant for the same OS; keep one per OS.");
            }
            validateVariant(v, where);
        }
        for (ImagePlatform p : catalogImage.parsedPlatforms()) {
            if (!seen.contains(p.os())) {
                throw new InvalidInputException(origin + " has no '" + p.os() + "' variant, but " + CatalogListing.FILE
                        + " lists platform " + p + " for image '" + expectedName + "'. Describe that variant.");
            }
        }
        if (file.outputs() != null) {
            for (OutputFormat o : file.outputs()) {
                require(o.tool(), origin, "outputs[].tool", "the command whose output is described");
                require(o.source(), origin, "outputs[].source", "the upstream file that defines this output");
                if (o.results() == null || o.results().isEmpty()) {
                    throw new InvalidInputException(origin + ", output '" + o.tool() + "': 'results' is empty; list case: text.");
                }
            }
        }
    }

    private static void validateVariant(ImageVariant v, String where) {
        require(v.user(), where, "user", "the image's default user (its Dockerfile's USER, or the base image's)");
        require(v.userSource(), where, "userSource", "the file that sets the user");
        require(v.pathSource(), where, "pathSource", "the file that sets PATH");
        require(v.entrypointSource(), where, "entrypointSource", "the file that sets ENTRYPOINT/CMD");
        if (v.path() == null || v.path().isEmpty()) {
            throw new InvalidInputException(where + ": 'path' is empty; list the PATH directories in order.");
        }
        for (ExecutableGroup g : v.executablesOrEmpty()) {
            require(g.directory(), where, "executables[].directory", "the directory the executables are in");
            require(g.provider(), where, "executables[].provider", "which program family they are (busybox, bind, ...)");
            require(g.source(), where, "executables[].source", "the upstream file that puts them there");
            if (g.names() == null || g.names().isEmpty()) {
                throw new InvalidInputException(where + ", directory '" + g.directory() + "': 'names' is empty.");
            }
        }
        List<String> start = !v.entrypointOrEmpty().isEmpty() ? v.entrypointOrEmpty() : v.cmdOrEmpty();
        if (!start.isEmpty() && v.locate(start.get(0)).isEmpty()) {
            throw new InvalidInputException(where + ": the image starts '" + start.get(0)
                    + "', which is not among its executables nor on its PATH. List it under 'executables'.");
        }
        if (v.osFamily() == OsFamily.WINDOWS && v.locate("powershell").isPresent() && v.powershell() == null) {
            throw new InvalidInputException(where + ": the image has PowerShell but no 'powershell:' section saying which"
                    + " version and which cmdlets it has.");
        }
    }

    private static void validateHost(HostProcessView host, String origin) {
        if (host.path() == null || host.path().isEmpty()) {
            throw new InvalidInputException(origin + ": 'path' is empty; list the host's PATH directories in order.");
        }
        require(host.pathSource(), origin, "pathSource", "where the host's PATH comes from");
        require(host.imageMount(), origin, "imageMount", "where the image's files appear (%CONTAINER_SANDBOX_MOUNT_POINT%)");
        require(host.imageMountSource(), origin, "imageMountSource", "the Kubernetes docs that say so");
        if (host.executables() == null || host.executables().isEmpty()) {
            throw new InvalidInputException(origin + ": 'executables' is empty; list the host tools by directory.");
        }
    }

    private static void require(String value, String where, String field, String meaning) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(where + ": '" + field + "' is missing; it should hold " + meaning + ".");
        }
    }

    /** The contract of a catalog image by logical name. */
    public ImageContractFile image(String logicalName) {
        ImageContractFile f = byName.get(logicalName);
        if (f == null) {
            throw new InvalidInputException("No image contract for '" + logicalName + "'. Known: " + byName.keySet()
                    + " (" + DIRECTORY + ").");
        }
        return f;
    }

    /** The variant of a catalog image for an OS, if the image has one. */
    public Optional<ImageVariant> variant(String logicalName, OsFamily os) {
        return image(logicalName).variants().stream().filter(v -> v.osFamily() == os).findFirst();
    }

    /** The contract whose repository is {@code repository} (an image reference's last path part, case-insensitive). */
    public Optional<ImageContractFile> forRepository(String repository) {
        return byName.values().stream().filter(f -> f.repository().equalsIgnoreCase(repository)).findFirst();
    }

    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    public HostProcessView hostProcess() {
        return hostProcess;
    }

    /**
     * What a HostProcess container started from {@code image} finds: a bare command name resolves
     * on the host's PATH against the host's tools (listed first, so they win); the image's own files
     * are reachable only by their path, which the runtime resolves inside the container's volume at
     * %CONTAINER_SANDBOX_MOUNT_POINT% (hcsshim jobcontainers, microsoft/hcsshim#1344 and #1443).
     */
    public ImageVariant hostProcessView(ImageVariant image) {
        List<ExecutableGroup> groups = new ArrayList<>(hostProcess.executables());
        groups.addAll(image.executablesOrEmpty());
        return new ImageVariant("windows", "the Windows host (HostProcess container of " + image.base() + ")",
                hostProcess.path(), hostProcess.pathSource(), image.entrypointOrEmpty(), image.cmdOrEmpty(),
                image.entrypointSource(), image.user(), image.userSource(), groups, hostProcess.powershell());
    }

    /** The output formats of {@code tool} that apply to {@code os}. */
    public List<OutputFormat> outputs(String logicalName, String tool, OsFamily os) {
        List<OutputFormat> all = image(logicalName).outputs() == null ? List.of() : image(logicalName).outputs();
        return all.stream().filter(o -> o.tool().equals(tool)
                && (o.os().equals("any") || o.os().toLowerCase(Locale.ROOT).equals(os.label()))).toList();
    }
}
