package io.iabulk.contests;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * A learned refinement of the rules' referral risk score, trained on operators' review decisions.
 * Contests owns this seam so that it does not depend on the module that learns (intelligence
 * implements it); without an implementation, or while no model is active, the rules decide.
 */
public interface ReferralRiskModel {

    /**
     * The model's probability that a referral is fake, from the signals' strengths and the rules'
     * score; empty when no model is active.
     */
    OptionalDouble score(Map<RiskSignal, Double> strengths, double rulesScore);
}
