package dev.palimpsest.core.internal.bag;

import java.util.OptionalLong;

/**
 * One line of {@code fetch.txt}: a payload file that a holey bag leaves to be downloaded.
 *
 * @param line the line number, from 1
 * @param url the URL, as written
 * @param length the length in bytes, absent when written as {@code -}
 * @param path the path, decoded and normalised, relative to the bag root
 */
public record FetchItem(int line, String url, OptionalLong length, String path) {
}
