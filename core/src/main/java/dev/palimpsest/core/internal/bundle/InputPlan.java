package dev.palimpsest.core.internal.bundle;

import dev.palimpsest.core.bundle.BundleContent;
import dev.palimpsest.core.bundle.BundleException;
import dev.palimpsest.core.bundle.BundleException.Reason;
import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.manifest.ArchivePathException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The files a bundle will hold, found by applying the input rules to a {@link BundleContent}:
 * folders are walked without following links (unless asked, and then only to targets inside the
 * folder); hidden names (starting with {@code .}) are left out with a warning unless included;
 * links, devices, FIFOs, sockets and names that cannot be archive paths are refused; names that
 * collide after NFC normalisation and case folding are refused. Every refusal is collected, then
 * reported in one exception.
 */
public final class InputPlan {
    /** Deeper folders than this are refused: a guard against link structures that multiply. */
    private static final int MAX_DEPTH = 256;
    /** At most this many refusals or hidden names are spelled out in one message. */
    private static final int LISTED = 20;

    private final List<PlannedFile> files;
    private final List<String> warnings;

    private InputPlan(List<PlannedFile> files, List<String> warnings) {
        this.files = files;
        this.warnings = warnings;
    }

    /** The files, sorted by path. */
    public List<PlannedFile> files() {
        return files;
    }

    /** Warnings for the caller: hidden files left out, names normalised to NFC. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Plans the content.
     *
     * @throws NoSuchFileException if an input folder or file does not exist
     * @throws BundleException {@code INPUT_REFUSED} or {@code NAME_COLLISION}, listing every refused input
     */
    public static InputPlan of(BundleContent content, boolean followLinks, boolean includeHidden) throws IOException {
        Scan scan = new Scan(followLinks, includeHidden);
        for (Path folder : content.folders()) {
            scan.folder(folder);
        }
        scan.describe(content.descriptions());
        for (BundleContent.Item item : content.files()) {
            scan.file(item);
        }
        return scan.finish();
    }

    /** The state of one planning run. */
    private static final class Scan {
        private final boolean followLinks;
        private final boolean includeHidden;
        private final List<PlannedFile> files = new ArrayList<>();
        private final List<String> refused = new ArrayList<>();
        private String firstRefused;
        private final List<String> hidden = new ArrayList<>();
        private final List<String> normalised = new ArrayList<>();
        private final List<String> unmatchedDescriptions = new ArrayList<>();

        Scan(boolean followLinks, boolean includeHidden) {
            this.followLinks = followLinks;
            this.includeHidden = includeHidden;
        }

        /** A directory still to list: where it really is, and its path segments in the bundle. */
        private record Pending(Path real, String relative, int depth) {
        }

        void folder(Path folder) throws IOException {
            if (!Files.exists(folder)) {
                throw new NoSuchFileException(folder.toString(), null, "no such input folder");
            }
            if (!Files.isDirectory(folder)) {
                throw new BundleException(Reason.INPUT_REFUSED, folder.toString(), folder + " is not a folder", null);
            }
            Path root = folder.toRealPath();
            Deque<Pending> pending = new ArrayDeque<>();
            pending.push(new Pending(root, "", 0));
            while (!pending.isEmpty()) {
                Pending dir = pending.pop();
                List<Path> children = new ArrayList<>();
                try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir.real())) {
                    stream.forEach(children::add);
                } catch (IOException e) {
                    refuse(folder.resolve(dir.relative()).toString(), "cannot be listed: " + e);
                    continue;
                }
                children.sort(null);
                // pushed in reverse so that directories are listed in name order
                List<Pending> subdirectories = new ArrayList<>();
                for (Path child : children) {
                    String name = child.getFileName().toString();
                    String relative = dir.relative().isEmpty() ? name : dir.relative() + "/" + name;
                    String display = folder.resolve(relative).toString();
                    if (name.startsWith(".") && !includeHidden) {
                        hidden.add(relative);
                        continue;
                    }
                    BasicFileAttributes attributes;
                    try {
                        attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    } catch (IOException e) {
                        refuse(display, "cannot be read: " + e);
                        continue;
                    }
                    Path real = child;
                    if (attributes.isSymbolicLink()) {
                        String target = linkTarget(child);
                        if (!followLinks) {
                            refuse(display, "is a symbolic link" + target + "; links are refused unless links are"
                                    + " followed, and then only inside the input folder");
                            continue;
                        }
                        try {
                            real = child.toRealPath();
                            attributes = Files.readAttributes(real, BasicFileAttributes.class);
                        } catch (IOException e) {
                            refuse(display, "is a broken symbolic link" + target);
                            continue;
                        }
                        if (!real.startsWith(root)) {
                            refuse(display, "is a symbolic link" + target + " that leads outside the input folder "
                                    + folder);
                            continue;
                        }
                        if (attributes.isDirectory() && dir.real().startsWith(real)) {
                            refuse(display, "is a symbolic link" + target + " to a folder that contains it (a loop)");
                            continue;
                        }
                    }
                    if (attributes.isDirectory()) {
                        if (dir.depth() + 1 > MAX_DEPTH) {
                            refuse(display, "is nested more than " + MAX_DEPTH + " folders deep");
                        } else {
                            subdirectories.add(new Pending(real, relative, dir.depth() + 1));
                        }
                    } else if (attributes.isRegularFile()) {
                        add(real, relative, display);
                    } else {
                        refuse(display, "is not a regular file (a device, FIFO or socket)");
                    }
                }
                for (int i = subdirectories.size() - 1; i >= 0; i--) {
                    pending.push(subdirectories.get(i));
                }
            }
        }

        void file(BundleContent.Item item) throws IOException {
            Path source = item.source();
            if (!Files.exists(source)) {
                throw new NoSuchFileException(source.toString(), null, "no such input file");
            }
            if (!Files.isRegularFile(source)) {
                refuse(source.toString(), "is not a regular file");
                return;
            }
            files.add(new PlannedFile(source, item.path(), item.entry().orElse(null), item.description().orElse(null),
                    source.toString()));
        }

        /** Attaches descriptions to the folder files at their paths; the others become a warning. */
        void describe(Map<ArchivePath, java.util.function.Consumer<dev.palimpsest.core.manifest.ManifestEntry.Builder>>
                descriptions) {
            if (descriptions.isEmpty()) {
                return;
            }
            Map<ArchivePath, Integer> index = new HashMap<>();
            for (int i = 0; i < files.size(); i++) {
                index.put(files.get(i).path(), i);
            }
            List<String> unmatched = new ArrayList<>();
            descriptions.forEach((path, description) -> {
                Integer i = index.get(path);
                if (i == null) {
                    unmatched.add(path.toString());
                } else {
                    PlannedFile f = files.get(i);
                    files.set(i, new PlannedFile(f.source(), f.path(), null, description, f.display()));
                }
            });
            if (!unmatched.isEmpty()) {
                unmatchedDescriptions.addAll(unmatched);
            }
        }

        private void add(Path source, String relative, String display) {
            String nfc = Normalizer.normalize(relative, Normalizer.Form.NFC);
            if (!nfc.equals(relative)) {
                normalised.add(relative);
            }
            try {
                files.add(new PlannedFile(source, ArchivePath.of(nfc), null, null, display));
            } catch (ArchivePathException e) {
                refuse(display, "cannot be a path in a bundle: " + e.getMessage());
            }
        }

        private void refuse(String display, String why) {
            if (firstRefused == null) {
                firstRefused = display;
            }
            refused.add(display + " " + why);
        }

        InputPlan finish() throws BundleException {
            if (!refused.isEmpty()) {
                throw new BundleException(Reason.INPUT_REFUSED, firstRefused, list(refused.size() == 1
                        ? "an input is refused" : refused.size() + " inputs are refused", refused), null);
            }
            files.sort((a, b) -> a.path().compareTo(b.path()));
            checkCollisions();
            List<String> warnings = new ArrayList<>();
            if (!hidden.isEmpty()) {
                warnings.add(list(hidden.size() + (hidden.size() == 1 ? " hidden file or folder was" : " hidden files or"
                        + " folders were") + " left out (names starting with '.'; include them explicitly to keep them)",
                        hidden));
            }
            if (!unmatchedDescriptions.isEmpty()) {
                warnings.add(list(unmatchedDescriptions.size() + (unmatchedDescriptions.size() == 1
                        ? " description matches" : " descriptions match") + " no file in the input folders",
                        unmatchedDescriptions));
            }
            if (!normalised.isEmpty()) {
                warnings.add(list(normalised.size() + (normalised.size() == 1 ? " name was" : " names were")
                        + " stored in Unicode normalisation form C, as bundle paths must be", normalised));
            }
            return new InputPlan(List.copyOf(files), List.copyOf(warnings));
        }

        private void checkCollisions() throws BundleException {
            Map<String, PlannedFile> byKey = new HashMap<>();
            List<String> collisions = new ArrayList<>();
            String first = null;
            for (PlannedFile f : files) {
                PlannedFile twin = byKey.putIfAbsent(f.path().collisionKey(), f);
                if (twin != null) {
                    first = first == null ? f.display() : first;
                    collisions.add(twin.path().equals(f.path())
                            ? f.display() + " and " + twin.display() + " would both be " + f.path()
                            : f.display() + " and " + twin.display() + " have names equal after Unicode normalisation"
                                    + " and case folding (" + twin.path() + ", " + f.path() + "): one file on macOS"
                                    + " and Windows");
                }
            }
            // A file whose path is also a folder of another path, compared the same way.
            for (PlannedFile f : files) {
                String key = f.path().collisionKey();
                for (int slash = key.indexOf('/'); slash >= 0; slash = key.indexOf('/', slash + 1)) {
                    PlannedFile file = byKey.get(key.substring(0, slash));
                    if (file != null) {
                        first = first == null ? f.display() : first;
                        collisions.add(file.display() + " is a file, but " + f.display() + " would put "
                                + f.path() + " under it");
                    }
                }
            }
            if (!collisions.isEmpty()) {
                throw new BundleException(Reason.NAME_COLLISION, first, list(collisions.size() == 1
                        ? "two inputs collide" : collisions.size() + " name collisions", collisions), null);
            }
        }

        private static String linkTarget(Path link) {
            try {
                return " (to " + Files.readSymbolicLink(link) + ")";
            } catch (IOException | UnsupportedOperationException e) {
                return "";
            }
        }

        private static String list(String heading, List<String> items) {
            String shown = items.stream().limit(LISTED).collect(Collectors.joining("; "));
            return heading + ": " + shown + (items.size() > LISTED ? "; and " + (items.size() - LISTED) + " more" : "");
        }
    }
}
