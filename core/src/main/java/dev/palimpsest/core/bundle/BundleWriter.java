package dev.palimpsest.core.bundle;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.HashProgressListener;
import dev.palimpsest.core.digest.Hasher;
import dev.palimpsest.core.internal.bundle.BundleAddition;
import dev.palimpsest.core.internal.bundle.BundleAssembly;
import dev.palimpsest.core.internal.bundle.WriterSettings;
import dev.palimpsest.core.sign.CmsSigner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes Palimpsest bundles: BagIt 1.0 bags (RFC 8493) whose {@code provenance/archive.json}
 * lists every file with its digests and where it came from, optionally signed.
 *
 * <pre>
 * bundle/
 *   bagit.txt  bag-info.txt
 *   manifest-sha256.txt  manifest-sha512.txt
 *   data/&lt;the files, at their archive paths&gt;
 *   provenance/archive.json          the archive manifest
 *   provenance/archive.json.p7s      detached CMS signature over its exact bytes (when signed)
 *   tagmanifest-sha256.txt  tagmanifest-sha512.txt
 * </pre>
 *
 * <p><b>One read per file.</b> Each input file is copied to {@code data/} while every digest is
 * computed from the same buffers; nothing is read twice. Files are copied several at a time
 * ({@link Builder#parallelism(int)}). A file whose size or modification time changes while it is
 * copied is refused with {@link BundleException.Reason#INPUT_CHANGED}, naming it.
 *
 * <p><b>Inputs are never modified or moved.</b> Input folders follow these rules, all checked
 * before anything is written: symbolic links are refused (with
 * {@link Builder#followLinks(boolean)}, links whose target is inside the input folder are
 * followed, others still refused); names starting with {@code .} are left out, with a warning
 * listing them ({@link Builder#includeHidden(boolean)} keeps them); devices, FIFOs and sockets are
 * refused; names that collide after Unicode normalisation (NFC) and case folding — one file on
 * macOS and Windows — are refused; a name not in NFC is stored in NFC, with a warning. Every
 * refused input is listed in one {@link BundleException}.
 *
 * <p><b>Atomic.</b> The bundle is built in a temporary sibling of the target (named
 * {@code .palimpsest-tmp-*}) and moved into place when complete; on any failure the temporary
 * data is deleted and nothing is left at the target. An existing target is refused unless
 * {@link Builder#replaceExisting(boolean)} is set. This protects against failures of the writing
 * process; to survive a power loss as well, set {@link Builder#durable(boolean)}. Temporary names
 * carry the writing process's id and start time: if that process was killed, the next write to
 * the same target removes its leftovers (and moves a bundle it had moved aside to replace it back
 * to the target), noting each on the {@code dev.palimpsest.cleanup} {@link System.Logger}; a live
 * process's files and names that are not ours are never touched.
 *
 * <p><b>Output.</b> {@code bagit.txt} declares BagIt 1.0 in UTF-8; {@code bag-info.txt} has
 * {@code Bagging-Date}, {@code Payload-Oxum}, {@code Bag-Software-Agent}, the archive's title as
 * {@code External-Description} and the contact fields given; there is one payload manifest and one
 * tag manifest per {@linkplain Builder#digests digest algorithm} (SHA-256 always, SHA-512 by
 * default), and the tag manifests cover every file outside {@code data/}. The same layout can be
 * written as a ZIP ({@link Builder#zip(boolean)}) holding one top-level folder named after the ZIP,
 * streamed in one pass with the payload stored uncompressed. Every bundle validates with any BagIt
 * tool; {@link BundleVerifier} also checks the signatures and that the signed manifest agrees
 * with the BagIt manifests.
 *
 * <p>Instances are immutable and thread-safe (if their signers are); build one and reuse it.
 * <pre>{@code
 * BundleWriter writer = BundleWriter.builder().signer(CmsSigner.builder(identity).build()).build();
 * BundleResult result = writer.write(BundleContent.builder().title("Recovered documents")
 *         .folder(Path.of("recovered")).build(), Path.of("bundle"));
 * }</pre>
 */
public final class BundleWriter {
    private final WriterSettings settings;

    private BundleWriter(WriterSettings settings) {
        this.settings = settings;
    }

    /** A builder with SHA-256 and SHA-512, no signer, a folder output, and the input rules above. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes {@code content} as a bundle at {@code target} (a folder, or with
     * {@link Builder#zip(boolean)} a ZIP file). Parent folders of the target are created.
     *
     * @return the bundle's manifest, signature count and warnings
     * @throws BundleException when the target exists (and may not be replaced) or overlaps an input
     *     folder, an input is refused, two inputs collide, an input changed while copied or does
     *     not match its manifest entry, the archive manifest cannot be built, or signing fails; the
     *     message names the file
     * @throws java.nio.file.NoSuchFileException if an input folder or file does not exist
     * @throws java.io.InterruptedIOException if the thread was interrupted
     * @throws IOException if reading or writing fails, naming the file
     */
    public BundleResult write(BundleContent content, Path target) throws IOException {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(target, "target");
        return BundleAssembly.write(content, target, settings);
    }

    /**
     * Adds {@code additions} to the existing bundle folder at {@code bundle}: a new bundle holding
     * the old bundle's entries and the new content is assembled in a temporary sibling and then
     * replaces the old one, which is left untouched if anything fails.
     *
     * <ul>
     *   <li>The old bundle must verify ({@link BundleVerifier}, no trust asked): its files are
     *       copied and checked against the size and every digest their entries record, and the
     *       entries are kept whole (title, collection, metadata, capture records and checks).
     *   <li>Archive metadata: the additions' title, description and creator where set, else the
     *       old ones; the old collections plus the new ones; the creation time is the additions'
     *       when set, else the time of this write.
     *   <li>A new file whose path equals an old entry's path, or equals it after NFC and case
     *       folding, is refused ({@link BundleException.Reason#NAME_COLLISION}, naming both).
     *   <li>The old signature covers the old manifest only, so it is dropped; this writer's
     *       {@linkplain Builder#signer signers}, if any, sign the new manifest.
     *       {@link BundleResult#signatures()} says how many did.
     *   <li>The result is always a folder: {@link Builder#zip(boolean)} and
     *       {@link Builder#replaceExisting(boolean)} do not apply. A ZIP bundle is refused.
     * </ul>
     *
     * @param bundle an existing bundle folder
     * @param additions the content to add (folders, files, descriptions, metadata)
     * @return the new bundle's manifest, signature count and warnings
     * @throws BundleException {@code NOT_A_BUNDLE} if {@code bundle} is not a bundle folder (a ZIP
     *     bundle included), {@code BUNDLE_INVALID} if it does not verify, and the reasons of
     *     {@link #write} for the combined content
     * @throws java.nio.file.NoSuchFileException if nothing exists at {@code bundle}, or an input is missing
     * @throws IOException if reading or writing fails, naming the file
     */
    public BundleResult add(Path bundle, BundleContent additions) throws IOException {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(additions, "additions");
        return BundleAddition.add(bundle, additions, settings);
    }

    /** The payload and tag manifest algorithms, in {@link DigestAlgorithm} order. */
    public Set<DigestAlgorithm> digests() {
        return settings.digests();
    }

    @Override
    public String toString() {
        return "BundleWriter[" + settings.digests().stream().map(DigestAlgorithm::label).collect(Collectors.joining(","))
                + ", " + settings.signers().size() + " signers" + (settings.zip() ? ", zip" : "")
                + (settings.replace() ? ", replace" : "") + "]";
    }

    /** Configures a {@link BundleWriter}. Not thread-safe. */
    public static final class Builder {
        private Set<DigestAlgorithm> digests = EnumSet.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512);
        private final List<CmsSigner> signers = new ArrayList<>();
        private boolean zip;
        private boolean replace;
        private boolean followLinks;
        private boolean includeHidden;
        private String sourceOrganization;
        private String contactName;
        private String contactPhone;
        private String contactEmail;
        private int parallelism = Runtime.getRuntime().availableProcessors();
        private int bufferSize = 256 * 1024;
        private HashProgressListener listener;
        private Clock clock = Clock.systemUTC();
        private boolean durable;

        private Builder() {
        }

        /**
         * The algorithms of the payload manifests, tag manifests and manifest digests; SHA-256 is
         * always added. SHA-1 and MD5 are allowed for interoperability, never alone.
         *
         * @throws IllegalArgumentException if none is given
         */
        public Builder digests(DigestAlgorithm... algorithms) {
            Objects.requireNonNull(algorithms, "algorithms");
            return digests(new java.util.HashSet<>(Arrays.asList(algorithms)));
        }

        /**
         * As {@link #digests(DigestAlgorithm...)}.
         *
         * @throws IllegalArgumentException if the set is empty
         */
        public Builder digests(Set<DigestAlgorithm> algorithms) {
            Objects.requireNonNull(algorithms, "algorithms");
            if (algorithms.isEmpty()) {
                throw new IllegalArgumentException("at least one digest algorithm is needed");
            }
            algorithms.forEach(a -> Objects.requireNonNull(a, "algorithms contains null"));
            EnumSet<DigestAlgorithm> set = EnumSet.copyOf(algorithms);
            set.add(DigestAlgorithm.SHA256);
            this.digests = set;
            return this;
        }

        /**
         * Adds a signer of {@code provenance/archive.json}. The first signer signs; each further
         * one countersigns (its SignerInfo is added to the same SignedData). A signer's timestamp
         * client, if any, adds an RFC 3161 timestamp to its signature. Unsigned unless set.
         */
        public Builder signer(CmsSigner signer) {
            signers.add(Objects.requireNonNull(signer, "signer"));
            return this;
        }

        /** Writes a ZIP file (with one top-level folder named after it) instead of a folder. */
        public Builder zip(boolean zip) {
            this.zip = zip;
            return this;
        }

        /** Allows replacing whatever is at the target; refused unless set. */
        public Builder replaceExisting(boolean replace) {
            this.replace = replace;
            return this;
        }

        /** Follows symbolic links in input folders whose targets are inside the folder; refused unless set. */
        public Builder followLinks(boolean follow) {
            this.followLinks = follow;
            return this;
        }

        /** Keeps files and folders whose names start with {@code .}; left out (with a warning) unless set. */
        public Builder includeHidden(boolean include) {
            this.includeHidden = include;
            return this;
        }

        /** {@code Source-Organization} in {@code bag-info.txt}; null for none. */
        public Builder sourceOrganization(String organization) {
            this.sourceOrganization = bagInfoValue("sourceOrganization", organization);
            return this;
        }

        /** {@code Contact-Name} in {@code bag-info.txt}; null for none. */
        public Builder contactName(String name) {
            this.contactName = bagInfoValue("contactName", name);
            return this;
        }

        /** {@code Contact-Phone} in {@code bag-info.txt}; null for none. */
        public Builder contactPhone(String phone) {
            this.contactPhone = bagInfoValue("contactPhone", phone);
            return this;
        }

        /** {@code Contact-Email} in {@code bag-info.txt}; null for none. */
        public Builder contactEmail(String email) {
            this.contactEmail = bagInfoValue("contactEmail", email);
            return this;
        }

        /**
         * How many files are copied at once (default: the number of processors); above one, a
         * large file may also get one thread per digest.
         *
         * @throws IllegalArgumentException if below 1
         */
        public Builder parallelism(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, got " + threads);
            }
            this.parallelism = threads;
            return this;
        }

        /**
         * Bytes read at a time (default 256 KiB).
         *
         * @throws IllegalArgumentException if outside the {@link Hasher} limits
         */
        public Builder bufferSize(int bytes) {
            if (bytes < Hasher.MIN_BUFFER_SIZE || bytes > Hasher.MAX_BUFFER_SIZE) {
                throw new IllegalArgumentException("buffer size must be between " + Hasher.MIN_BUFFER_SIZE + " and "
                        + Hasher.MAX_BUFFER_SIZE + " bytes, got " + bytes);
            }
            this.bufferSize = bytes;
            return this;
        }

        /** Receives the payload bytes and files copied so far, from the copying threads; null for none. */
        public Builder listener(HashProgressListener listener) {
            this.listener = listener;
            return this;
        }

        /** The clock for {@code Bagging-Date} and the default creation time; the system clock unless set. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Syncs every file and folder to the storage device before the bundle is moved into place,
         * so that after a power loss the bundle is either complete or absent. Off by default: it
         * costs time, and a bundle damaged by a crash is caught by verification anyway.
         */
        public Builder durable(boolean durable) {
            this.durable = durable;
            return this;
        }

        /** The writer. */
        public BundleWriter build() {
            List<Map.Entry<String, String>> bagInfo = new ArrayList<>();
            add(bagInfo, "Source-Organization", sourceOrganization);
            add(bagInfo, "Contact-Name", contactName);
            add(bagInfo, "Contact-Phone", contactPhone);
            add(bagInfo, "Contact-Email", contactEmail);
            return new BundleWriter(new WriterSettings(Collections.unmodifiableSet(EnumSet.copyOf(digests)),
                    List.copyOf(signers), zip, replace, followLinks, includeHidden, List.copyOf(bagInfo), parallelism,
                    bufferSize, listener, clock, durable));
        }

        private static void add(List<Map.Entry<String, String>> elements, String label, String value) {
            if (value != null) {
                elements.add(new SimpleImmutableEntry<>(label, value));
            }
        }

        /** A bag-info value: one line of text (a line break would start a new element). */
        private static String bagInfoValue(String name, String value) {
            if (value == null) {
                return null;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 && c != '\t' || c == 0x7f) {
                    throw new IllegalArgumentException(name + " must be one line of text without control characters");
                }
            }
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value.strip();
        }
    }
}
