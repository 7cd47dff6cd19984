/** The JSON HTTP API over the ledger services; its document is {@code openapi.json} beside it. */
package org.harmledger.server;
