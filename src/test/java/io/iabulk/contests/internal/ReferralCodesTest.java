package io.iabulk.contests.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReferralCodesTest {

    @Test
    void codesHoldingABlockedWordAreRefusedAsWrittenOrReadWithDigitsAsLetters() {
        for (String code : new String[] {
            "xxfuckxx",
            "abcuntzz",
            "fagzzzzz",
            "zzzputaz",
            "merdezzz",
            "zzfickzz",
            "zzcazzzz",
            "k4ntzfag",
            "zz5ex222",
            "zzpu7azz",
            "zz7w47zz",
            "ZZFUCKZZ",
            "zkkkzzzz"
        }) {
            assertThat(ReferralCodes.acceptable(code)).as(code).isFalse();
        }
        for (String code : new String[] {"2m8xq4td", "abcdefgh", "zzzzzzzz", "hjkmnpqr"}) {
            assertThat(ReferralCodes.acceptable(code)).as(code).isTrue();
        }
    }

    @Test
    void drawnCodesNeverHoldABlockedWord() {
        // a three-letter word turns up in about 1 of 5,000 random codes (6 places, 31^3 words):
        // 100,000 draws meet each short word about 20 times, so this fails should the check be skipped
        for (int i = 0; i < 100_000; i++) {
            String code = ReferralCodes.next();
            assertThat(code).hasSize(ReferralCodes.CODE_LENGTH).matches("[2-9a-hjkmnp-z]{8}");
            if (!ReferralCodes.acceptable(code)) {
                throw new AssertionError("drawn: " + code);
            }
        }
    }
}
