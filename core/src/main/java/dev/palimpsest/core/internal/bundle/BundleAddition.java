package dev.palimpsest.core.internal.bundle;

import dev.palimpsest.core.bundle.BundleContent;
import dev.palimpsest.core.bundle.BundleException;
import dev.palimpsest.core.bundle.BundleException.Reason;
import dev.palimpsest.core.bundle.BundleReader;
import dev.palimpsest.core.bundle.BundleResult;
import dev.palimpsest.core.bundle.BundleVerifier;
import dev.palimpsest.core.manifest.ArchiveCollection;
import dev.palimpsest.core.manifest.ArchiveManifest;
import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.verify.Problem;
import dev.palimpsest.core.verify.Severity;
import dev.palimpsest.core.verify.Verdict;
import dev.palimpsest.core.verify.VerificationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Adds content to an existing folder bundle: the old bundle is verified, its entries (files and
 * manifest entries, capture records included) and the new content are written as a new bundle in
 * a temporary sibling, which then replaces the old one. The old signature is not carried over: it
 * covers the old manifest only.
 */
public final class BundleAddition {
    private static final int LISTED = 5;

    private BundleAddition() {
    }

    /** See {@code BundleWriter#add}. */
    public static BundleResult add(Path bundle, BundleContent additions, WriterSettings settings) throws IOException {
        if (!Files.exists(bundle, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(bundle.toString(), null, "no bundle to add to");
        }
        if (!Files.isDirectory(bundle, LinkOption.NOFOLLOW_LINKS)) {
            String why = BundleReader.isBundle(bundle)
                    ? " is a ZIP bundle; content can only be added to a bundle folder (unzip it, add, and write a"
                            + " new ZIP from the folder)"
                    : " is not a Palimpsest bundle folder";
            throw new BundleException(Reason.NOT_A_BUNDLE, bundle.toString(), bundle + why, null);
        }
        ArchiveManifest old = BundleReader.readManifest(bundle);
        // Carrying damaged or altered files into a new manifest, possibly signed anew, would launder
        // them; so the old bundle must verify first (trust is not asked: only integrity).
        VerificationReport report = BundleVerifier.builder().build().verify(bundle);
        if (report.verdict() == Verdict.INVALID) {
            List<Problem> errors = report.problems().stream().filter(p -> p.severity() == Severity.ERROR)
                    .collect(Collectors.toList());
            throw new BundleException(Reason.BUNDLE_INVALID, bundle.toString(), bundle
                    + " does not verify, so nothing is added to it: " + errors.stream().limit(LISTED)
                            .map(p -> p.code() + " " + p.path().map(x -> x + ": ").orElse("") + p.message())
                            .collect(Collectors.joining("; "))
                    + (errors.size() > LISTED ? "; and " + (errors.size() - LISTED) + " more" : ""), null);
        }
        BundleContent merged = merge(bundle, old, additions);
        WriterSettings replacing = new WriterSettings(settings.digests(), settings.signers(), false, true,
                settings.followLinks(), settings.includeHidden(), settings.bagInfo(), settings.parallelism(),
                settings.bufferSize(), settings.listener(), settings.clock(), settings.durable());
        return BundleAssembly.write(merged, bundle, replacing, true);
    }

    private static BundleContent merge(Path bundle, ArchiveManifest old, BundleContent additions)
            throws BundleException {
        BundleContent.Builder content = BundleContent.builder()
                .title(additions.title().or(old::title).orElse(null))
                .description(additions.description().or(old::description).orElse(null))
                .creator(additions.creator().or(old::creator).orElse(null))
                .created(additions.created().orElse(null));
        Set<String> ids = new HashSet<>();
        for (ArchiveCollection collection : old.collections()) {
            ids.add(collection.id());
            content.collection(collection);
        }
        for (ArchiveCollection collection : additions.collections()) {
            if (ids.add(collection.id())) {
                content.collection(collection);
            } else if (!old.collection(collection.id()).orElseThrow().equals(collection)) {
                throw new BundleException(Reason.MANIFEST_INVALID, bundle.toString(), "collection '"
                        + collection.id() + "' is declared differently in " + bundle + " and in the content added", null);
            }
        }
        Path data = bundle.resolve("data");
        for (ManifestEntry entry : old.entries()) {
            // The entry is the template: its size and digests are checked while the file is copied.
            content.file(data.resolve(entry.path().toString()), entry);
        }
        for (Path folder : additions.folders()) {
            content.folder(folder);
        }
        for (BundleContent.Item item : additions.files()) {
            if (item.entry().isPresent()) {
                content.file(item.source(), item.entry().get());
            } else if (item.description().isPresent()) {
                content.file(item.source(), item.path(), item.description().get());
            } else {
                content.file(item.source(), item.path());
            }
        }
        for (Map.Entry<dev.palimpsest.core.manifest.ArchivePath, Consumer<ManifestEntry.Builder>> d
                : additions.descriptions().entrySet()) {
            content.describe(d.getKey(), d.getValue());
        }
        return content.build();
    }
}
