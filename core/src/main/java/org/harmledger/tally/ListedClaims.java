package org.harmledger.tally;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import org.harmledger.tally.TallyReport.ClaimSummary;

/**
 * The claims a tally lists, by id, as a read-only sorted map over its facts: the positions of the
 * listed claims, whose summaries the facts make once and keep. A tally of a large campaign lists
 * 230,000 claims; putting each into a hash map (and the JSON writer then sorting them into a tree,
 * as it does any map that is not sorted) cost more than the rules that chose them. The facts keep
 * their claims in id order, so ascending positions are ascending ids.
 */
final class ListedClaims extends AbstractMap<String, ClaimSummary> implements SortedMap<String, ClaimSummary> {
  private final TallyFacts facts;
  private final int[] positions;

  ListedClaims(TallyFacts facts, int[] positions) {
    this.facts = facts;
    this.positions = positions;
  }

  /** The claims flagged in {@code listed} (indexed by position in {@code facts}). */
  static ListedClaims of(TallyFacts facts, boolean[] listed) {
    int n = 0;
    for (boolean b : listed) if (b) n++;
    int[] positions = new int[n];
    n = 0;
    for (int k = 0; k < listed.length; k++) if (listed[k]) positions[n++] = k;
    return new ListedClaims(facts, positions);
  }

  /** Where claim {@code id} is among the listed ones, or -1. */
  private int slot(Object id) {
    if (!(id instanceof String s)) return -1;
    int k = facts.position(s);
    if (k < 0) return -1;
    int at = Arrays.binarySearch(positions, k);
    return at < 0 ? -1 : at;
  }

  /** The first slot whose id is not below {@code id}. */
  private int from(String id) {
    int k = facts.position(id);
    int at = Arrays.binarySearch(positions, k >= 0 ? k : -k - 1);
    return at >= 0 ? at : -at - 1;
  }

  @Override
  public int size() {
    return positions.length;
  }

  @Override
  public boolean containsKey(Object key) {
    return slot(key) >= 0;
  }

  @Override
  public ClaimSummary get(Object key) {
    int at = slot(key);
    return at < 0 ? null : facts.summary(positions[at]);
  }

  @Override
  public Set<Entry<String, ClaimSummary>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return positions.length;
      }

      @Override
      public Iterator<Entry<String, ClaimSummary>> iterator() {
        return new Iterator<>() {
          int next = 0;

          @Override
          public boolean hasNext() {
            return next < positions.length;
          }

          @Override
          public Entry<String, ClaimSummary> next() {
            if (next >= positions.length) throw new NoSuchElementException();
            int k = positions[next++];
            return new SimpleImmutableEntry<>(facts.ids[k], facts.summary(k));
          }
        };
      }
    };
  }

  @Override
  public Comparator<? super String> comparator() {
    return null; // the ids' natural order
  }

  @Override
  public SortedMap<String, ClaimSummary> subMap(String fromKey, String toKey) {
    return slice(from(fromKey), from(toKey));
  }

  @Override
  public SortedMap<String, ClaimSummary> headMap(String toKey) {
    return slice(0, from(toKey));
  }

  @Override
  public SortedMap<String, ClaimSummary> tailMap(String fromKey) {
    return slice(from(fromKey), positions.length);
  }

  private SortedMap<String, ClaimSummary> slice(int from, int to) {
    if (from > to) throw new IllegalArgumentException("fromKey > toKey");
    return new ListedClaims(facts, Arrays.copyOfRange(positions, from, to));
  }

  @Override
  public String firstKey() {
    if (positions.length == 0) throw new NoSuchElementException();
    return facts.ids[positions[0]];
  }

  @Override
  public String lastKey() {
    if (positions.length == 0) throw new NoSuchElementException();
    return facts.ids[positions[positions.length - 1]];
  }
}
