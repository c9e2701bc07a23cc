package org.kuroshio.maritime.detect;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.kuroshio.maritime.vessel.Fix;

/**
 * A bounded list of the positions that show an event: the first and the last are always kept, the
 * middle is thinned by halving whenever it is full, so a long episode keeps evenly spread samples.
 */
final class Evidence {
  private final int max;
  private final ArrayList<Fix> middle = new ArrayList<>();
  private @Nullable Fix first;
  private @Nullable Fix last;
  private int stride = 1;
  private long seen;

  Evidence(int max) {
    this.max = max;
  }

  void add(Fix f) {
    if (first == null) {
      first = f;
      return;
    }
    if (last != null && seen % stride == 0) {
      middle.add(last);
      if (middle.size() > max - 2) {
        int w = 0;
        for (int r = 0; r < middle.size(); r += 2) {
          middle.set(w++, middle.get(r));
        }
        middle.subList(w, middle.size()).clear();
        stride *= 2;
      }
    }
    seen++;
    last = f;
  }

  boolean isEmpty() {
    return first == null;
  }

  List<Fix> toList() {
    List<Fix> out = new ArrayList<>(middle.size() + 2);
    if (first != null) {
      out.add(first);
    }
    out.addAll(middle);
    if (last != null) {
      out.add(last);
    }
    return out;
  }
}
