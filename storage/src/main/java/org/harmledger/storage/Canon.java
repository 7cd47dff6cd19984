package org.harmledger.storage;

/** One text form per stored value, so a value read from the database compares with one computed. */
final class Canon {
  private Canon() {}

  /** Whether a stored value equals a computed one, by the same rules as {@link #text}, without allocating. */
  static boolean same(Object a, Object b) {
    if (a == null || b == null) return a == b;
    if (isInteger(a) && isInteger(b)) return toLong(a) == toLong(b);
    if (isReal(a) && isReal(b)) return ((Number) a).doubleValue() == ((Number) b).doubleValue();
    if (a instanceof String x && b instanceof String y) return x.equals(y);
    return java.util.Objects.equals(text(a), text(b)); // mixed kinds: a real stored as text, say
  }

  private static boolean isInteger(Object v) {
    return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte || v instanceof Boolean;
  }

  private static boolean isReal(Object v) {
    return v instanceof Double || v instanceof Float;
  }

  private static long toLong(Object v) {
    return v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).longValue();
  }

  static String text(Object v) {
    if (v == null) return null;
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) return "i:" + ((Number) v).longValue();
    if (v instanceof Double || v instanceof Float) return "r:" + ((Number) v).doubleValue();
    if (v instanceof Boolean b) return "i:" + (b ? 1 : 0);
    if (v instanceof byte[] b) return "b:" + java.util.HexFormat.of().formatHex(b);
    return "t:" + v;
  }
}
