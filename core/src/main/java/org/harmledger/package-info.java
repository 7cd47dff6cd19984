/**
 * Harm Ledger's core: the domain records ({@code domain}), the hash-chained ledger ({@code
 * ledger}), the store interfaces ({@code store}), the tally rules ({@code tally}), the services
 * that check and append every change ({@code service}) and file formats ({@code io}). Depends on
 * no framework.
 */
package org.harmledger;
