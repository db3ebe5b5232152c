/**
 * The implementation of {@link dev.palimpsest.core.sources}: the sources-table reader, the WARC
 * import engine, the Wayback client's transport, URL-derived paths, and one-pass digesting while
 * writing. Not exported; may change at any time.
 */
package dev.palimpsest.core.internal.sources;
