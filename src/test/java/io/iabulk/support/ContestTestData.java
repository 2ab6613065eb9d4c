package io.iabulk.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Small builders of request bodies for contest tests. */
public final class ContestTestData {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private ContestTestData() {}

    /** A unique suffix for names, slugs and addresses within one test JVM. */
    public static String unique() {
        return Long.toString(System.nanoTime(), 36) + SEQUENCE.incrementAndGet();
    }

    /** A contest body with the defaults and milestones at 1 and 3 referrals. */
    public static Map<String, Object> contest() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Spring launch " + unique());
        body.put(
                "milestones",
                List.of(Map.of("referrals", 1, "reward", "Sticker pack"), Map.of("referrals", 3, "reward", "T-shirt")));
        return body;
    }

    public static Map<String, Object> contestWithoutConfirmation() {
        Map<String, Object> body = contest();
        body.put("requireConfirmation", false);
        return body;
    }

    /** Creates a contest and activates it; returns its id. */
    public static long activeContest(Api admin, Map<String, Object> body) {
        Api.Response created = admin.post("/api/v1/contests", body);
        if (created.status() != 201) {
            throw new IllegalStateException("contest not created: " + created.status() + " " + created.body());
        }
        long id = created.json().get("id").asLong();
        Api.Response activated = admin.post("/api/v1/contests/" + id + "/activate");
        if (activated.status() != 200) {
            throw new IllegalStateException("contest not activated: " + activated.body());
        }
        return id;
    }

    public static Map<String, Object> signup(String email) {
        return Map.of("email", email);
    }

    public static Map<String, Object> signup(String email, String referralCode) {
        return Map.of("email", email, "referralCode", referralCode);
    }

    public static String email(String who) {
        return who + "-" + unique() + "@example.com";
    }
}
