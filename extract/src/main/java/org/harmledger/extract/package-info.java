/**
 * Casualty claim extraction: proposes figures (killed, injured, missing), who was counted, who
 * says so, where, when and by whose hand, and belligerents' case actions, from news text in
 * Danish, English and Arabic, each proposal pointing at the words it rests on. A library with no
 * database: {@link org.harmledger.extract.Extractor#extract(String, String)}. Languages are data
 * ({@code lang/*.json}, {@code entities.json}, {@code places.json}); see {@link
 * org.harmledger.extract.Lexicon}. The review step that turns proposals into a source's draft
 * claims is in {@code org.harmledger.extract.review}.
 */
package org.harmledger.extract;
