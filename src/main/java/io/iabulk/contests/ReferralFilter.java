package io.iabulk.contests;

/**
 * Which of a contest's referrals to list.
 *
 * @param status only those of this status (null: any; ignored for the watch list)
 * @param level only those of this risk level (null: any)
 * @param watch the watch list: referrals that count or will count on confirmation (PENDING or
 *     CREDITED) although their risk is MEDIUM or HIGH
 */
public record ReferralFilter(ReferralStatus status, RiskLevel level, boolean watch) {

    /** All referrals of one status (null: all). */
    public static ReferralFilter of(ReferralStatus status) {
        return new ReferralFilter(status, null, false);
    }

    /** The watch list, optionally of one risk level. */
    public static ReferralFilter watchList(RiskLevel level) {
        return new ReferralFilter(null, level, true);
    }

    /** The SQL conditions on the referrals (alias {@code prefix}) this filter adds. */
    public String sql(String prefix) {
        StringBuilder where = new StringBuilder();
        if (watch) {
            where.append(" AND ")
                    .append(prefix)
                    .append("status IN ('PENDING', 'CREDITED') AND ")
                    .append(prefix)
                    .append("risk_level IN ('MEDIUM', 'HIGH')");
        } else if (status != null) {
            where.append(" AND ").append(prefix).append("status = :status");
        }
        if (level != null) {
            where.append(" AND ").append(prefix).append("risk_level = :level");
        }
        return where.toString();
    }
}
