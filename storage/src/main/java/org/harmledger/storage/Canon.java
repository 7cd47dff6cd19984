package org.harmledger.storage;

/** One text form per stored value, so a value read from the database compares with one computed. */
final class Canon {
  private Canon() {}

  static String text(Object v) {
    if (v == null) return null;
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) return "i:" + ((Number) v).longValue();
    if (v instanceof Double || v instanceof Float) return "r:" + ((Number) v).doubleValue();
    if (v instanceof Boolean b) return "i:" + (b ? 1 : 0);
    if (v instanceof byte[] b) return "b:" + java.util.HexFormat.of().formatHex(b);
    return "t:" + v;
  }
}
