package dev.palimpsest.core.wacz;

import dev.palimpsest.core.capture.CaptureFormatException;
import dev.palimpsest.core.capture.Surt;
import dev.palimpsest.core.capture.WaybackTimestamp;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.sign.Certificates;
import dev.palimpsest.core.testing.TestPki;
import dev.palimpsest.core.testing.TestTsa;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;

/**
 * Writes small but complete WACZ 1.1.1 files for tests, the way py-wacz and authsign lay them
 * out: a WARC written by jwarc (gzipped per record, or plain), a CDXJ index (plain, gzipped, or
 * gzipped in ZipNum blocks with an {@code .idx}), {@code pages/pages.jsonl},
 * {@code datapackage.json}, and {@code datapackage-digest.json} — unsigned, with an anonymous
 * signature, or with a domain-identity signature timestamped by a {@link TestTsa}.
 *
 * <p>Tampering hooks run at the points an attacker would act: {@link Builder#editSignedData} on
 * the signature object before it is written, {@link Builder#tamper} on the finished files before
 * they are zipped. Public so that other modules' tests can build WACZ files through the core
 * test-jar.
 */
public final class TestWacz {
    /** How the index is written. */
    public enum Index {
        /** {@code indexes/index.cdxj}, plain text. */
        CDXJ,
        /** {@code indexes/index.cdx.gz}, one gzip member. */
        CDXJ_GZ,
        /** {@code indexes/index.cdx.gz} in gzip blocks of one line each, with {@code indexes/index.idx}. */
        ZIPNUM
    }

    /** The WARC file's name in {@code archive/}. */
    public static final String WARC = "archive/data.warc.gz";
    /** The plain WARC file's name, when {@link Builder#plainWarc()}. */
    public static final String PLAIN_WARC = "archive/data.warc";

    private TestWacz() {
    }

    /** A builder with no pages, gzipped records, a plain CDXJ index and no signature. */
    public static Builder builder() {
        return new Builder();
    }

    /** An ECDSA SHA-256 signature (DER) of the ASCII text, Base64: what WACZ signers write. */
    public static String sign(PrivateKey key, String text) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key);
            signer.update(text.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RFC 3161 response (status granted), Base64, from {@code tsa} over the SHA-256 of {@code data}: authsign's timeSignature. */
    public static String timeSignature(TestTsa tsa, byte[] data) {
        try {
            byte[] token = tsa.token(sha256(data));
            TimeStampResp response = new TimeStampResp(new PKIStatusInfo(PKIStatus.granted), ContentInfo.getInstance(token));
            return Base64.getEncoder().encodeToString(response.getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lower-case hex SHA-256. */
    public static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(sha256(data));
    }

    private static byte[] sha256(byte[] data) {
        return DigestAlgorithm.SHA256.newMessageDigest().digest(data);
    }

    /** The files of a WACZ before they are zipped, by name, in ZIP order. */
    public static final class Contents {
        private final Map<String, byte[]> files;

        Contents(Map<String, byte[]> files) {
            this.files = files;
        }

        /** The bytes of a file. */
        public byte[] get(String name) {
            byte[] bytes = files.get(name);
            if (bytes == null) {
                throw new IllegalArgumentException("no file " + name + " in " + files.keySet());
            }
            return bytes;
        }

        /** Adds or replaces a file; any name, including ones that escape the root. */
        public void put(String name, byte[] bytes) {
            files.put(name, bytes);
        }

        /** Removes a file. */
        public void remove(String name) {
            files.remove(name);
        }

        /** The text of a file, UTF-8. */
        public String text(String name) {
            return new String(get(name), StandardCharsets.UTF_8);
        }

        /** Replaces a file with text, UTF-8. */
        public void putText(String name, String text) {
            put(name, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Configures a WACZ. Each page is one HTTP 200 HTML response record. */
    public static final class Builder {
        private record PageSpec(String url, Instant time, String html, boolean chunked) {
        }

        private final List<PageSpec> pages = new ArrayList<>();
        private final List<PageSpec> unlistedCaptures = new ArrayList<>();
        private boolean gzip = true;
        private Index index = Index.CDXJ;
        private Instant created = Instant.parse("2024-03-01T12:00:00Z");
        private KeyPair anonymousKey;
        private TestPki.Credential domainCredential;
        private String domain;
        private TestTsa tsa;
        private Instant timestampTime;
        private Consumer<Map<String, String>> signedDataEditor = m -> { };
        private Consumer<Contents> tamper = f -> { };
        private Consumer<Contents> beforePackage = f -> { };
        private boolean digestFile = true;

        private Builder() {
        }

        /** A page and its capture. */
        public Builder page(String url, Instant time, String html) {
            pages.add(new PageSpec(url, time, html, false));
            return this;
        }

        /** A page whose body the WARC stores with chunked transfer coding (the index digest is of the decoded body). */
        public Builder chunkedPage(String url, Instant time, String html) {
            pages.add(new PageSpec(url, time, html, true));
            return this;
        }

        /** A capture in the WARC and the index that is not a page (a subresource). */
        public Builder capture(String url, Instant time, String html) {
            unlistedCaptures.add(new PageSpec(url, time, html, false));
            return this;
        }

        /** Writes {@link #PLAIN_WARC} instead of gzipped records. */
        public Builder plainWarc() {
            this.gzip = false;
            return this;
        }

        /** How the index is written. */
        public Builder index(Index index) {
            this.index = index;
            return this;
        }

        /** The package's and the signature's creation time. */
        public Builder created(Instant created) {
            this.created = created;
            return this;
        }

        /** Leaves out datapackage-digest.json. */
        public Builder noDigestFile() {
            this.digestFile = false;
            return this;
        }

        /** Signs anonymously with this key, embedding its public key. */
        public Builder anonymousSignature(KeyPair key) {
            this.anonymousKey = key;
            return this;
        }

        /**
         * Signs with a domain certificate (whose chain up to its root goes into domainCert) for
         * {@code domain}, timestamped by {@code tsa} at {@code timestampTime}.
         */
        public Builder domainSignature(TestPki.Credential credential, String domain, TestTsa tsa, Instant timestampTime) {
            this.domainCredential = credential;
            this.domain = domain;
            this.tsa = tsa;
            this.timestampTime = timestampTime;
            return this;
        }

        /** Edits the signature object (string properties) before it is written; the signature is not redone. */
        public Builder editSignedData(Consumer<Map<String, String>> editor) {
            this.signedDataEditor = editor;
            return this;
        }

        /**
         * Alters the WARC, index and pages files before {@code datapackage.json} lists them: the
         * package is consistent with the altered files, as if its writer had made them so.
         */
        public Builder beforePackage(Consumer<Contents> editor) {
            this.beforePackage = editor;
            return this;
        }

        /** Alters the finished files before they are zipped: nothing is recomputed. */
        public Builder tamper(Consumer<Contents> tamper) {
            this.tamper = tamper;
            return this;
        }

        /** Writes the WACZ to {@code file} and returns it. */
        public Path write(Path file) throws IOException {
            Map<String, byte[]> files = new LinkedHashMap<>();
            String warcPath = gzip ? WARC : PLAIN_WARC;
            List<String> cdxj = new ArrayList<>();
            files.put(warcPath, warc(warcPath, cdxj));
            writeIndex(files, cdxj);
            files.put("pages/pages.jsonl", pagesJsonl());
            beforePackage.accept(new Contents(files));
            byte[] datapackage = datapackage(files);
            files.put("datapackage.json", datapackage);
            if (digestFile) {
                files.put("datapackage-digest.json", digestFile(datapackage));
            }
            tamper.accept(new Contents(files));
            zip(file, files);
            return file;
        }

        private byte[] warc(String warcPath, List<String> cdxj) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            List<PageSpec> all = new ArrayList<>(pages);
            all.addAll(unlistedCaptures);
            try (WarcWriter writer = gzip ? new WarcWriter(Channels.newChannel(out), WarcCompression.GZIP)
                    : new WarcWriter(Channels.newChannel(out))) {
                for (PageSpec page : all) {
                    byte[] body = page.html().getBytes(StandardCharsets.UTF_8);
                    byte[] http = http(body, page.chunked());
                    String payloadSha1 = "sha1:" + DigestValue.of(DigestAlgorithm.SHA1,
                            DigestAlgorithm.SHA1.newMessageDigest().digest(body)).base32();
                    WarcResponse record = new WarcResponse.Builder(URI.create(page.url())).date(page.time())
                            .payloadDigest("sha1", payloadSha1.substring(5))
                            .body(MediaType.HTTP_RESPONSE, http).build();
                    long offset = writer.position();
                    writer.write(record);
                    long length = writer.position() - offset;
                    byte[] recordBytes = Arrays.copyOfRange(out.toByteArray(), (int) offset, (int) (offset + length));
                    cdxj.add(Surt.of(page.url()) + " " + WaybackTimestamp.of(page.time()).fourteenDigits()
                            + " {\"url\": \"" + page.url() + "\", \"mime\": \"text/html\", \"status\": \"200\", \"digest\": \""
                            + payloadSha1 + "\", \"length\": \"" + length + "\", \"offset\": \"" + offset
                            + "\", \"filename\": \"" + warcPath.substring("archive/".length()) + "\", \"recordDigest\": \"sha256:"
                            + sha256Hex(recordBytes) + "\"}");
                }
            } catch (CaptureFormatException e) {
                throw new IllegalArgumentException(e);
            }
            cdxj.sort(null);
            return out.toByteArray();
        }

        private static byte[] http(byte[] body, boolean chunked) {
            ByteArrayOutputStream http = new ByteArrayOutputStream();
            String head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n") + "\r\n";
            http.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
            if (!chunked) {
                http.writeBytes(body);
            } else {
                int half = body.length / 2;
                chunk(http, body, 0, half);
                chunk(http, body, half, body.length - half);
                http.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            return http.toByteArray();
        }

        private static void chunk(ByteArrayOutputStream out, byte[] body, int off, int len) {
            out.writeBytes((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, off, len);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }

        private void writeIndex(Map<String, byte[]> files, List<String> cdxj) throws IOException {
            switch (index) {
                case CDXJ:
                    files.put("indexes/index.cdxj", lines(cdxj).getBytes(StandardCharsets.UTF_8));
                    break;
                case CDXJ_GZ:
                    files.put("indexes/index.cdx.gz", gzip(lines(cdxj)));
                    break;
                default:
                    ByteArrayOutputStream blocks = new ByteArrayOutputStream();
                    StringBuilder idx = new StringBuilder("!meta 0 {\"format\": \"cdxj-gzip-1.0\", \"filename\": \"index.cdx.gz\"}\n");
                    for (String line : cdxj) {
                        byte[] block = gzip(line + "\n");
                        int space = line.indexOf(' ', line.indexOf(' ') + 1);
                        idx.append(line, 0, space).append(" {\"offset\": ").append(blocks.size()).append(", \"length\": ")
                                .append(block.length).append(", \"digest\": \"sha256:").append(sha256Hex(block)).append("\"}\n");
                        blocks.writeBytes(block);
                    }
                    files.put("indexes/index.cdx.gz", blocks.toByteArray());
                    files.put("indexes/index.idx", idx.toString().getBytes(StandardCharsets.UTF_8));
                    break;
            }
        }

        private static String lines(List<String> lines) {
            StringBuilder text = new StringBuilder();
            lines.forEach(l -> text.append(l).append('\n'));
            return text.toString();
        }

        private static byte[] gzip(String text) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (OutputStream gz = new GZIPOutputStream(out)) {
                gz.write(text.getBytes(StandardCharsets.UTF_8));
            }
            return out.toByteArray();
        }

        private byte[] pagesJsonl() {
            StringBuilder text = new StringBuilder("{\"format\": \"json-pages-1.0\", \"id\": \"pages\", \"title\": \"All Pages\"}\n");
            int id = 0;
            for (PageSpec page : pages) {
                text.append("{\"id\": \"p").append(id++).append("\", \"url\": \"").append(page.url()).append("\", \"ts\": \"")
                        .append(page.time()).append("\", \"title\": \"Page ").append(id).append("\"}\n");
            }
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }

        private byte[] datapackage(Map<String, byte[]> files) {
            StringBuilder json = new StringBuilder("{\n  \"profile\": \"data-package\",\n  \"resources\": [");
            String separator = "\n";
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                String name = file.getKey().substring(file.getKey().lastIndexOf('/') + 1);
                json.append(separator).append("    {\"name\": \"").append(name).append("\", \"path\": \"").append(file.getKey())
                        .append("\", \"hash\": \"sha256:").append(sha256Hex(file.getValue())).append("\", \"bytes\": ")
                        .append(file.getValue().length).append('}');
                separator = ",\n";
            }
            json.append("\n  ],\n  \"created\": \"").append(created).append("\",\n  \"wacz_version\": \"1.1.1\",\n")
                    .append("  \"software\": \"Palimpsest TestWacz\"\n}\n");
            return json.toString().getBytes(StandardCharsets.UTF_8);
        }

        private byte[] digestFile(byte[] datapackage) {
            String hash = "sha256:" + sha256Hex(datapackage);
            Map<String, String> signed = null;
            if (anonymousKey != null) {
                signed = new LinkedHashMap<>();
                signed.put("hash", hash);
                signed.put("created", created.toString());
                signed.put("software", "Palimpsest TestWacz");
                signed.put("version", "0.1.0");
                signed.put("signature", sign(anonymousKey.getPrivate(), hash));
                signed.put("publicKey", Base64.getEncoder().encodeToString(anonymousKey.getPublic().getEncoded()));
            } else if (domainCredential != null) {
                signed = new LinkedHashMap<>();
                String signature = sign(domainCredential.keyPair().getPrivate(), hash);
                tsa.time(timestampTime);
                signed.put("hash", hash);
                signed.put("created", created.toString());
                signed.put("software", "Palimpsest TestWacz");
                signed.put("version", "0.1.0");
                signed.put("signature", signature);
                signed.put("domain", domain);
                signed.put("domainCert", Certificates.toPem(domainCredential.chain()));
                signed.put("timeSignature", timeSignature(tsa, signature.getBytes(StandardCharsets.US_ASCII)));
                signed.put("timestampCert", Certificates.toPem(List.of(tsa.tsaCertificate(), tsa.caCertificate())));
            }
            StringBuilder json = new StringBuilder("{\"path\": \"datapackage.json\", \"hash\": \"").append(hash).append('"');
            if (signed != null) {
                signedDataEditor.accept(signed);
                json.append(", \"signedData\": {");
                String separator = "";
                for (Map.Entry<String, String> e : signed.entrySet()) {
                    json.append(separator).append('"').append(e.getKey()).append("\": ").append(quote(e.getValue()));
                    separator = ", ";
                }
                json.append('}');
            }
            return json.append("}\n").toString().getBytes(StandardCharsets.UTF_8);
        }

        private static String quote(String value) {
            if (value == null) {
                return "null";
            }
            return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + '"';
        }

        private static void zip(Path file, Map<String, byte[]> files) throws IOException {
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
                for (Map.Entry<String, byte[]> e : files.entrySet()) {
                    ZipEntry entry = new ZipEntry(e.getKey());
                    boolean store = e.getKey().endsWith(".gz") || e.getKey().endsWith(".warc");
                    if (store) {
                        // WACZ stores WARCs and compressed indexes uncompressed, for random access
                        CRC32 crc = new CRC32();
                        crc.update(e.getValue());
                        entry.setMethod(ZipEntry.STORED);
                        entry.setSize(e.getValue().length);
                        entry.setCompressedSize(e.getValue().length);
                        entry.setCrc(crc.getValue());
                    }
                    zip.putNextEntry(entry);
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
        }
    }
}
