package org.harmledger.extract;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A casualty figure found in a text, proposed for a person to accept, correct or reject. Every
 * part points at the words it came from ({@link #evidence}); nothing the text does not say is
 * filled in, except the perpetrator of an unnamed air strike, which is marked {@code
 * perpetrator_implied}.
 *
 * @param counted who was counted: civilians, people, children, women, men or combatants
 * @param attributedTo the organisation or person the figure is attributed to, by its canonical name
 * @param attribution how the attribution was found: according_to, speech_verb, mentioned,
 *     next_sentence or earlier_sentence (weakest last)
 * @param period the stated time as an ISO 8601 interval of days, e.g. 2017-06-01/2017-10-31
 * @param span the sentence the figure is in, as character offsets [start, end)
 */
public record ClaimProposal(
    String id,
    Optional<Figure> killed,
    Optional<Figure> injured,
    Optional<Figure> missing,
    String counted,
    Optional<String> countedText,
    Map<String, Figure> killedBy,
    Map<String, Figure> injuredBy,
    List<Share> breakdown,
    Optional<String> attributedTo,
    Optional<String> attributedRole,
    Optional<String> attributedOrganisation,
    Optional<String> attributedText,
    Optional<String> attribution,
    Optional<String> perpetrator,
    boolean perpetratorImplied,
    Optional<String> means,
    OptionalInt incidents,
    Optional<String> place,
    Optional<String> placePrecision,
    Optional<String> placeText,
    Optional<String> period,
    Optional<String> periodText,
    int[] span,
    String text,
    List<Evidence> evidence,
    double confidence) {}
