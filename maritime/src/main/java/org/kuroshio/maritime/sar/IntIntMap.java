package org.kuroshio.maritime.sar;

import java.util.Arrays;

/** An open-addressing int to int map with no boxing; values must be &gt;= 0. Not thread-safe. */
final class IntIntMap {
  static final int MISSING = -1;
  private int[] keys;
  private int[] values;
  private boolean[] used;
  private int size;
  private int mask;

  IntIntMap(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new int[cap];
    values = new int[cap];
    used = new boolean[cap];
    mask = cap - 1;
  }

  int size() {
    return size;
  }

  int get(int key) {
    int i = mix(key) & mask;
    while (used[i]) {
      if (keys[i] == key) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    return MISSING;
  }

  void put(int key, int value) {
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int i = mix(key) & mask;
    while (used[i]) {
      if (keys[i] == key) {
        values[i] = value;
        return;
      }
      i = (i + 1) & mask;
    }
    used[i] = true;
    keys[i] = key;
    values[i] = value;
    size++;
  }

  private void grow() {
    int[] oldKeys = keys;
    int[] oldValues = values;
    boolean[] oldUsed = used;
    int cap = keys.length * 2;
    keys = new int[cap];
    values = new int[cap];
    used = new boolean[cap];
    mask = cap - 1;
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldUsed[i]) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }

  void clear() {
    Arrays.fill(used, false);
    size = 0;
  }

  private static int mix(int k) {
    int h = k * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
