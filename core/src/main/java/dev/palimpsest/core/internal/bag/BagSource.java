package dev.palimpsest.core.internal.bag;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Where a bag's files come from: a folder or a ZIP. A source lists every entry once, when it is
 * opened, and never gives access to anything outside the bag: a folder's symbolic links are
 * listed but not followed, a ZIP's unsafe entry names are left out of the listing.
 */
public interface BagSource extends Closeable {

    /** Every entry of the bag, sorted by path; directories included. */
    List<BagEntry> entries();

    /**
     * A stream over the bytes of a file entry of {@link #entries()}.
     *
     * @throws BagProblemException when the entry breaks a limit (ZIP expansion) or is malformed
     * @throws IOException when it cannot be read
     */
    InputStream open(BagEntry entry) throws IOException;

    /** Whether this source is a ZIP (for messages). */
    boolean isZip();
}
