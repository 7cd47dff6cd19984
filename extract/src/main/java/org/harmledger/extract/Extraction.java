package org.harmledger.extract;

import java.util.List;

/** What one text yields: proposed claims, case actions, and every number set aside with its reason. */
public record Extraction(String language, int characters, List<ClaimProposal> claims, List<CaseAction> caseActions, List<SetAside> setAside) {}
