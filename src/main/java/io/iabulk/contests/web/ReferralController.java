package io.iabulk.contests.web;

import io.iabulk.contests.ContestService;
import io.iabulk.contests.Referral;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators' review of flagged referrals (admin key required). */
@RestController
@Tag(name = "Contests")
@RequestMapping(path = "/api/v1/referrals", produces = MediaType.APPLICATION_JSON_VALUE)
class ReferralController {

    private final ContestService contests;

    ReferralController(ContestService contests) {
        this.contests = contests;
    }

    @Operation(
            summary = "A referral",
            description = "Its decision, reason code and fraud `risk`: a score from 0 to 1, its level (LOW is "
                    + "credited, MEDIUM credited and on the watch list, HIGH held for review with reason RISK_SCORE) "
                    + "and the reasons, each a code with an explanation.")
    @ApiResponse(responseCode = "200", description = "The referral")
    @ApiResponse(responseCode = "404", description = "No such referral")
    @GetMapping("/{id}")
    Referral referral(@PathVariable long id) {
        return contests.referral(id);
    }

    @Operation(
            summary = "Approve a flagged referral",
            description = "The referral is credited: the referrer's referrals and points grow, milestones may unlock.")
    @ApiResponse(responseCode = "200", description = "The referral, CONFIRMED")
    @ApiResponse(responseCode = "409", description = "The referral is not FLAGGED: it was decided already")
    @PostMapping("/{id}/approve")
    Referral approve(@PathVariable long id) {
        return contests.approveReferral(id);
    }

    @Operation(summary = "Reject a flagged referral", description = "The referral is never credited.")
    @ApiResponse(responseCode = "200", description = "The referral, REJECTED")
    @ApiResponse(responseCode = "409", description = "The referral is not FLAGGED: it was decided already")
    @PostMapping("/{id}/reject")
    Referral reject(@PathVariable long id) {
        return contests.rejectReferral(id);
    }
}
