package dev.palimpsest.core.internal.wacz;

import java.time.Instant;

/**
 * A page listed in a pages file: where it is listed, its URL and the time it gives.
 *
 * @param file the pages file, e.g. {@code pages/pages.jsonl}
 * @param line the 1-based line
 * @param url the page's URL
 * @param timestamp the page's {@code ts}
 */
record Page(String file, long line, String url, Instant timestamp) {
}
