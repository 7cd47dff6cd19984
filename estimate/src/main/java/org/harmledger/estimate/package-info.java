/**
 * Multiple systems estimation: how many people no list recorded, from how lists of the dead
 * overlap. Log-linear models with profile-likelihood intervals and a search over hierarchical
 * models ({@link org.harmledger.estimate.LogLinear}), the Bayesian latent-class model of
 * Manrique-Vallier 2016 ({@link org.harmledger.estimate.LatentClass}) and Madigan–York averaging
 * over decomposable graphs ({@link org.harmledger.estimate.GraphAveraging}); {@link
 * org.harmledger.estimate.Estimation} is the one front door. A library with no database; {@link
 * org.harmledger.estimate.FromLedger} reads a campaign's linked victims through the ledger service.
 */
package org.harmledger.estimate;
