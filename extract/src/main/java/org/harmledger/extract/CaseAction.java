package org.harmledger.extract;

import java.util.List;
import java.util.Optional;

/**
 * A belligerent's step on its own assessments: "reopen four closed cases" is action reopened,
 * count 4. Actions: reopened, opened, closed, investigated, credible, non_credible.
 */
public record CaseAction(
    String id,
    String action,
    long count,
    Optional<String> attributedTo,
    Optional<String> attributedText,
    Optional<String> stateBefore,
    int[] span,
    String text,
    List<Evidence> evidence,
    double confidence) {}
