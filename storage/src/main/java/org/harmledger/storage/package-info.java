/**
 * The ledger store on SQLite: schema migrations (Flyway, {@code db/migration/sqlite}), how each
 * record becomes rows ({@link org.harmledger.storage.Projection}), and the row-by-row comparison
 * that lets {@code verify} prove the state tables equal a replay of the ledger.
 */
package org.harmledger.storage;
