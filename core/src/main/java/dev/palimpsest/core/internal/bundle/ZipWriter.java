package dev.palimpsest.core.internal.bundle;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a ZIP file in one pass over a seekable file, so that large entries can be stored
 * uncompressed while they stream: a stored entry's local header is written with the size known
 * from the file system and a zero CRC, the data follows, and the CRC is patched into the header
 * afterwards. No data descriptors are used, which keeps the result readable by every unzip tool
 * and by streaming readers such as {@link java.util.zip.ZipInputStream}.
 *
 * <p>ZIP64 extensions are written when they are needed (entries or offsets of 4 GiB and more,
 * more than 65,535 entries). Names are UTF-8 (general-purpose flag bit 11). Not thread-safe.
 */
public final class ZipWriter implements Closeable {
    private static final long ZIP64_LIMIT = 0xFFFFFFFFL;
    private static final int ZIP64_ENTRY_LIMIT = 0xFFFF;
    private static final int FLAG_UTF8 = 0x0800;
    private static final int STORED = 0;
    private static final int DEFLATED = 8;
    /** Made by: Unix (3), specification 4.5. */
    private static final int VERSION_MADE_BY = (3 << 8) | 45;
    private static final int FILE_MODE = 0100644;
    private static final int DIRECTORY_MODE = 040755;

    private final FileChannel channel;
    private final int dosTime;
    private final int dosDate;
    private final List<Central> central = new ArrayList<>();
    private final ByteBuffer header = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
    /** Small writes collect here, so that many small entries cost few system calls. */
    private final ByteBuffer pending = ByteBuffer.allocate(256 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    /** Where the pending bytes go in the file. */
    private long pendingOffset;
    /** The length of the ZIP so far, pending bytes included. */
    private long position;
    private boolean entryOpen;

    /** A central directory record to write at the end. */
    private static final class Central {
        final byte[] name;
        final int method;
        final boolean directory;
        final long offset;
        long crc;
        long compressedSize;
        long size;

        Central(byte[] name, int method, boolean directory, long offset) {
            this.name = name;
            this.method = method;
            this.directory = directory;
            this.offset = offset;
        }
    }

    /** An entry being written by {@link #beginStored}; write its bytes, then {@link #finish()}. */
    public final class StoredEntry {
        private final Central record;
        private final long declaredSize;
        private final long headerOffset;
        private final CRC32 crc = new CRC32();
        private long written;

        private StoredEntry(Central record, long declaredSize, long headerOffset) {
            this.record = record;
            this.declaredSize = declaredSize;
            this.headerOffset = headerOffset;
        }

        /** Appends bytes to the entry. */
        public void write(byte[] buffer, int offset, int length) throws IOException {
            crc.update(buffer, offset, length);
            writeFully(ByteBuffer.wrap(buffer, offset, length));
            written += length;
        }

        /**
         * Ends the entry and patches its CRC into the local header.
         *
         * @throws IOException if the bytes written differ from the size declared when it began
         */
        public void finish() throws IOException {
            if (written != declaredSize) {
                throw new IOException("ZIP entry " + new String(record.name, StandardCharsets.UTF_8) + ": "
                        + written + " bytes written, " + declaredSize + " declared");
            }
            record.crc = crc.getValue();
            record.size = written;
            record.compressedSize = written;
            patchInt(headerOffset + 14, (int) record.crc); // the CRC field is 14 bytes into the local header
            entryOpen = false;
        }
    }

    private ZipWriter(FileChannel channel, LocalDateTime time) {
        this.channel = channel;
        int year = Math.max(1980, Math.min(2107, time.getYear()));
        this.dosDate = ((year - 1980) << 9) | (time.getMonthValue() << 5) | time.getDayOfMonth();
        this.dosTime = (time.getHour() << 11) | (time.getMinute() << 5) | (time.getSecond() / 2);
    }

    /**
     * Creates {@code file}, which must not exist, for writing.
     *
     * @param time the modification time every entry gets, in UTC
     */
    public static ZipWriter create(Path file, java.time.Instant time) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        return new ZipWriter(channel, LocalDateTime.ofInstant(time, ZoneOffset.UTC));
    }

    /** Adds a directory entry; {@code name} ends with {@code /}. */
    public void directory(String name) throws IOException {
        requireNoOpenEntry();
        byte[] encoded = name.getBytes(StandardCharsets.UTF_8);
        Central record = new Central(encoded, STORED, true, position);
        writeLocalHeader(record, 0, 0, 0);
        central.add(record);
    }

    /** Adds a small entry held in memory, deflated. */
    public void bytes(String name, byte[] content) throws IOException {
        requireNoOpenEntry();
        CRC32 crc = new CRC32();
        crc.update(content);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        byte[] compressed;
        try {
            deflater.setInput(content);
            deflater.finish();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(content.length / 2 + 64);
            byte[] chunk = new byte[64 * 1024];
            while (!deflater.finished()) {
                int n = deflater.deflate(chunk);
                out.write(chunk, 0, n);
            }
            compressed = out.toByteArray();
        } finally {
            deflater.end();
        }
        Central record = new Central(name.getBytes(StandardCharsets.UTF_8), DEFLATED, false, position);
        record.crc = crc.getValue();
        record.size = content.length;
        record.compressedSize = compressed.length;
        writeLocalHeader(record, record.crc, compressed.length, content.length);
        writeFully(ByteBuffer.wrap(compressed));
        central.add(record);
    }

    /**
     * Begins a stored (uncompressed) entry of exactly {@code size} bytes, to be written through the
     * returned entry and then {@linkplain StoredEntry#finish() finished}.
     */
    public StoredEntry beginStored(String name, long size) throws IOException {
        requireNoOpenEntry();
        Central record = new Central(name.getBytes(StandardCharsets.UTF_8), STORED, false, position);
        long headerOffset = position;
        writeLocalHeader(record, 0, size, size);
        central.add(record);
        entryOpen = true;
        return new StoredEntry(record, size, headerOffset);
    }

    /** Writes the central directory and the end records; the file is complete after this. */
    public void finish(boolean force) throws IOException {
        requireNoOpenEntry();
        long directoryOffset = position;
        for (Central c : central) {
            writeCentralHeader(c);
        }
        long directorySize = position - directoryOffset;
        boolean zip64 = central.size() >= ZIP64_ENTRY_LIMIT || directoryOffset >= ZIP64_LIMIT
                || directorySize >= ZIP64_LIMIT;
        if (zip64) {
            long recordOffset = position;
            header.clear();
            header.putInt(0x06064b50).putLong(44).putShort((short) VERSION_MADE_BY).putShort((short) 45)
                    .putInt(0).putInt(0).putLong(central.size()).putLong(central.size())
                    .putLong(directorySize).putLong(directoryOffset);
            header.putInt(0x07064b50).putInt(0).putLong(recordOffset).putInt(1);
            flushHeader();
        }
        header.clear();
        header.putInt(0x06054b50).putShort((short) 0).putShort((short) 0)
                .putShort((short) Math.min(central.size(), ZIP64_ENTRY_LIMIT))
                .putShort((short) Math.min(central.size(), ZIP64_ENTRY_LIMIT))
                .putInt((int) Math.min(directorySize, ZIP64_LIMIT))
                .putInt((int) Math.min(directoryOffset, ZIP64_LIMIT)).putShort((short) 0);
        flushHeader();
        flushPending();
        if (force) {
            channel.force(true);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private void requireNoOpenEntry() {
        if (entryOpen) {
            throw new IllegalStateException("the previous stored entry was not finished");
        }
    }

    private void writeLocalHeader(Central record, long crc, long compressedSize, long size) throws IOException {
        boolean zip64 = size >= ZIP64_LIMIT || compressedSize >= ZIP64_LIMIT;
        header.clear();
        header.putInt(0x04034b50);
        header.putShort((short) (zip64 ? 45 : 20));
        header.putShort((short) FLAG_UTF8);
        header.putShort((short) record.method);
        header.putShort((short) dosTime).putShort((short) dosDate);
        header.putInt((int) crc);
        header.putInt(zip64 ? (int) ZIP64_LIMIT : (int) compressedSize);
        header.putInt(zip64 ? (int) ZIP64_LIMIT : (int) size);
        header.putShort((short) record.name.length);
        header.putShort((short) (zip64 ? 20 : 0));
        flushHeader();
        writeFully(ByteBuffer.wrap(record.name));
        if (zip64) {
            header.clear();
            header.putShort((short) 0x0001).putShort((short) 16).putLong(size).putLong(compressedSize);
            flushHeader();
        }
    }

    private void writeCentralHeader(Central c) throws IOException {
        boolean bigSize = c.size >= ZIP64_LIMIT || c.compressedSize >= ZIP64_LIMIT;
        boolean bigOffset = c.offset >= ZIP64_LIMIT;
        int extraLength = (bigSize ? 16 : 0) + (bigOffset ? 8 : 0);
        header.clear();
        header.putInt(0x02014b50);
        header.putShort((short) VERSION_MADE_BY);
        header.putShort((short) (extraLength > 0 ? 45 : 20));
        header.putShort((short) FLAG_UTF8);
        header.putShort((short) c.method);
        header.putShort((short) dosTime).putShort((short) dosDate);
        header.putInt((int) c.crc);
        header.putInt(bigSize ? (int) ZIP64_LIMIT : (int) c.compressedSize);
        header.putInt(bigSize ? (int) ZIP64_LIMIT : (int) c.size);
        header.putShort((short) c.name.length);
        header.putShort((short) (extraLength > 0 ? extraLength + 4 : 0));
        header.putShort((short) 0); // comment
        header.putShort((short) 0); // disk
        header.putShort((short) 0); // internal attributes
        // Unix mode in the high half; the MS-DOS directory attribute in the low byte
        header.putInt((c.directory ? DIRECTORY_MODE : FILE_MODE) << 16 | (c.directory ? 0x10 : 0));
        header.putInt(bigOffset ? (int) ZIP64_LIMIT : (int) c.offset);
        flushHeader();
        writeFully(ByteBuffer.wrap(c.name));
        if (extraLength > 0) {
            header.clear();
            header.putShort((short) 0x0001).putShort((short) extraLength);
            if (bigSize) {
                header.putLong(c.size).putLong(c.compressedSize);
            }
            if (bigOffset) {
                header.putLong(c.offset);
            }
            flushHeader();
        }
    }

    private void flushHeader() throws IOException {
        header.flip();
        writeFully(header);
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        int length = buffer.remaining();
        if (length > pending.remaining()) {
            flushPending();
        }
        if (length >= pending.capacity()) {
            long at = position;
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
            pendingOffset = at;
        } else {
            pending.put(buffer);
        }
        position += length;
    }

    private void flushPending() throws IOException {
        pending.flip();
        long at = pendingOffset;
        while (pending.hasRemaining()) {
            at += channel.write(pending, at);
        }
        pending.clear();
        pendingOffset = at;
    }

    /** Overwrites four bytes already written, in the pending buffer if they are still there. */
    private void patchInt(long offset, int value) throws IOException {
        if (offset >= pendingOffset && offset + 4 <= pendingOffset + pending.position()) {
            pending.putInt((int) (offset - pendingOffset), value);
            return;
        }
        ByteBuffer patch = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).flip();
        while (patch.hasRemaining()) {
            channel.write(patch, offset + patch.position());
        }
    }
}
