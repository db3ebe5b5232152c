package dev.palimpsest.pdf.internal.verify;

import java.util.Arrays;

/** A set of non-negative ints in open addressing, for object numbers by the million. */
final class IntSet {
    private int[] slots = new int[64];
    private int size;

    IntSet() {
        Arrays.fill(slots, -1);
    }

    /** Adds {@code v} (not negative); returns whether it was new. */
    boolean add(int v) {
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        int i = index(v, slots.length);
        while (slots[i] != -1) {
            if (slots[i] == v) {
                return false;
            }
            i = (i + 1) & (slots.length - 1);
        }
        slots[i] = v;
        size++;
        return true;
    }

    boolean contains(int v) {
        int i = index(v, slots.length);
        while (slots[i] != -1) {
            if (slots[i] == v) {
                return true;
            }
            i = (i + 1) & (slots.length - 1);
        }
        return false;
    }

    int size() {
        return size;
    }

    private static int index(int v, int length) {
        return (v * 0x9E3779B9 >>> 7) & (length - 1);
    }

    private void grow() {
        int[] old = slots;
        slots = new int[old.length * 2];
        Arrays.fill(slots, -1);
        size = 0;
        for (int v : old) {
            if (v != -1) {
                add(v);
            }
        }
    }
}
