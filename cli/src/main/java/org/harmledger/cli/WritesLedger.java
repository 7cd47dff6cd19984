package org.harmledger.cli;

/** Marks a command that writes to the ledger: its rejections say that nothing was written. */
interface WritesLedger {}
