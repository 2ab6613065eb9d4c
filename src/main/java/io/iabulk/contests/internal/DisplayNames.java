package io.iabulk.contests.internal;

/** Public names of participants, masked so a leaderboard never shows a full name or address. */
public final class DisplayNames {

    private DisplayNames() {}

    /** "Jane D.", "Jane" without a last name, null without a first name (never the address). */
    public static String firstNameAndInitial(String firstName, String lastName) {
        return firstName == null || firstName.isBlank() ? null : mask(firstName, lastName, "@");
    }

    /** "Jane D." when a first name is known, otherwise the address as "j***@gmail.com". */
    public static String mask(String firstName, String lastName, String email) {
        if (firstName != null && !firstName.isBlank()) {
            String first = firstName.strip();
            if (lastName != null && !lastName.isBlank()) {
                return first + " "
                        + lastName.strip()
                                .codePoints()
                                .limit(1)
                                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                        + ".";
            }
            return first;
        }
        int at = email.lastIndexOf('@');
        String local = email.substring(0, at);
        String first = local.isEmpty() ? "" : new String(Character.toChars(local.codePointAt(0)));
        return (first + "***" + email.substring(at)).toLowerCase(java.util.Locale.ROOT);
    }
}
