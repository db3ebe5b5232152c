/**
 * Digests: typed algorithms, digest values that compare as bytes in constant time whatever
 * their encoding, and hashing that reads each input once for every requested algorithm.
 */
package dev.palimpsest.core.digest;
