/**
 * Implementation of one-pass hashing: the engine that reads each input once and feeds every
 * requested digest, inline or on one thread per algorithm over a ring of shared buffers. Not
 * exported; may change at any time.
 */
package dev.palimpsest.core.internal.digest;
