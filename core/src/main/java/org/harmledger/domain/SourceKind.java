package org.harmledger.domain;

/** What kind of document or testimony a source is. */
public enum SourceKind {
  BELLIGERENT_STATEMENT,
  NGO_REPORT,
  NEWS,
  SOCIAL_MEDIA,
  WITNESS_TESTIMONY,
  OFFICIAL_LIST,
  OTHER
}
