package dev.solvent.cli;

import java.util.Collection;
import java.util.Optional;

/**
 * The nearest known word to a mistyped one, by edit distance with transpositions (optimal string alignment), so
 * {@code dmeo} finds {@code demo} and {@code --acounts} finds {@code --accounts}; nothing when every word is far.
 */
final class Nearest {

  private Nearest() {}

  static Optional<String> of(String typed, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int d = distance(typed, candidate);
      if (d < bestDistance || d == bestDistance && best != null && candidate.compareTo(best) < 0) {
        best = candidate;
        bestDistance = d;
      }
    }
    // More than a third of the word changed is a different word, not a typo.
    return best != null && bestDistance <= Math.max(2, typed.length() / 3) ? Optional.of(best) : Optional.empty();
  }

  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
