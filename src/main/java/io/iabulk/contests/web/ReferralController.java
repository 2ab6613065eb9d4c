package io.iabulk.contests.web;

import io.iabulk.contests.ContestService;
import io.iabulk.contests.Referral;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators' review of flagged referrals (admin key required). */
@RestController
@RequestMapping(path = "/api/v1/referrals", produces = MediaType.APPLICATION_JSON_VALUE)
class ReferralController {

    private final ContestService contests;

    ReferralController(ContestService contests) {
        this.contests = contests;
    }

    @PostMapping("/{id}/approve")
    Referral approve(@PathVariable long id) {
        return contests.approveReferral(id);
    }

    @PostMapping("/{id}/reject")
    Referral reject(@PathVariable long id) {
        return contests.rejectReferral(id);
    }
}
