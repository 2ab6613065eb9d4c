package io.iabulk.intelligence.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A simulated referral contest whose truth is known: genuine referral trees (people sharing their
 * link with friends and family) mixed with rings of fake referees made by one person or a script.
 * Pure and seeded: the same parameters give the same world. {@link ReferralRiskMeasurement} plays it
 * through the public API and compares the risk the app assigned with the truth.
 *
 * <p>Genuine behaviour: referees arrive in bursts after a share (exponential delays, mean a few
 * hours), some share the referrer's household address or a mobile carrier's network, common first
 * names recur, browsers follow a market-share mix (so popular user agents repeat by chance), and
 * people confirm after minutes to days (a few within seconds, some never). Rings: several fake
 * referees per ring, each from its own address in another network, on ordinary (not disposable)
 * domains, so the two fixed rules miss them; each ring draws its own habits (address style, user
 * agents, timing, confirmation), and a ring may well look human on some of them.
 */
public final class ReferralWorld {

    /**
     * The world's knobs.
     *
     * @param seed the random seed
     * @param genuineReferrers participants who refer real people
     * @param meanReferees the mean number of people a genuine referrer brings (geometric)
     * @param influencerShare the share of genuine referrers with a big audience (bursts of 10–40)
     * @param secondLevel the chance that a genuine referee refers people too
     * @param rings rings of fake referees
     * @param ringMin the fewest fakes in a ring
     * @param ringMax the most fakes in a ring
     * @param days how long the contest runs
     */
    public record Parameters(
            long seed,
            int genuineReferrers,
            double meanReferees,
            double influencerShare,
            double secondLevel,
            int rings,
            int ringMin,
            int ringMax,
            int days) {

        public static Parameters defaults(long seed) {
            return new Parameters(seed, 250, 3, 0.04, 0.15, 25, 4, 14, 14);
        }

        public String describe() {
            return String.format(
                    Locale.ROOT,
                    "seed=%d genuineReferrers=%d meanReferees=%.1f influencerShare=%.2f secondLevel=%.2f rings=%d "
                            + "ringSize=%d-%d days=%d",
                    seed,
                    genuineReferrers,
                    meanReferees,
                    influencerShare,
                    secondLevel,
                    rings,
                    ringMin,
                    ringMax,
                    days);
        }
    }

    /** A person who signs up: by whom they were referred (-1: nobody), how and when. */
    public record Person(
            int id,
            int referrer,
            boolean fake,
            String ring,
            String email,
            String ip,
            String userAgent,
            long signupAtSeconds,
            Long confirmAfterMillis) {}

    /** What one ring's fakes are like. */
    public record RingHabits(String address, String agents, String timing, String confirmation) {}

    public static final List<String> FIRST = List.of(
            "anna", "maria", "john", "david", "laura", "sarah", "michael", "emma", "lucas", "sofia", "james", "olivia",
            "daniel", "julia", "thomas", "lena", "peter", "nina", "paul", "eva", "mark", "lisa", "jan", "marta", "ali",
            "fatima", "wei", "yuki", "carlos", "ana", "pierre", "chloe", "ahmed", "sara", "ivan", "olga");
    public static final List<String> LAST = List.of(
            "smith",
            "garcia",
            "muller",
            "rossi",
            "kowalski",
            "nguyen",
            "johnson",
            "martin",
            "schmidt",
            "silva",
            "dubois",
            "jensen",
            "novak",
            "hansen",
            "brown",
            "lopez",
            "weber",
            "costa",
            "wilson",
            "kim",
            "tanaka",
            "ivanova",
            "berg",
            "lindqvist",
            "oconnor",
            "fischer",
            "moreau",
            "santos",
            "mkrtchyan",
            "schwarz");
    private static final List<String> DOMAINS = List.of(
            "gmail.com",
            "gmail.com",
            "gmail.com",
            "outlook.com",
            "yahoo.com",
            "icloud.com",
            "hotmail.com",
            "gmx.de",
            "web.de",
            "proton.me",
            "orange.fr",
            "libero.it",
            "wp.pl",
            "aol.com");

    /** Browsers by rough market share: the popular ones repeat among friends by chance. */
    public static final Map<String, Double> BROWSERS = browsers();

    private static Map<String, Double> browsers() {
        Map<String, Double> b = new LinkedHashMap<>();
        b.put(
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                        + "Version/17.5 Mobile/15E148 Safari/604.1",
                14.0);
        b.put(
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                        + "Version/17.4.1 Mobile/15E148 Safari/604.1",
                7.0);
        b.put(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
                        + "Safari/537.36",
                12.0);
        b.put(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 "
                        + "Safari/537.36",
                6.0);
        b.put(
                "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile "
                        + "Safari/537.36",
                14.0);
        b.put(
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                        + "Version/17.5 Safari/605.1.15",
                6.0);
        b.put(
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "Chrome/126.0.0.0 Safari/537.36",
                5.0);
        b.put("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0", 3.0);
        b.put(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
                        + "Safari/537.36 Edg/126.0.0.0",
                4.0);
        b.put(
                "Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
                4.0);
        b.put(
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                        + "CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1",
                3.0);
        b.put(
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                        + "Mobile/15E148 Instagram 334.0.4.32.98",
                3.0);
        b.put(
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "Chrome/126.0.6478.71 Mobile Safari/537.36",
                3.0);
        b.put("Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0", 1.0);
        b.put(
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
                        + "Safari/537.36",
                1.0);
        return b;
    }

    private final Parameters parameters;
    private final SplittableRandom random;
    private final Weighted<String> browser;
    private final List<Person> people = new ArrayList<>();
    private final Map<String, RingHabits> habits = new LinkedHashMap<>();
    private final java.util.Set<String> used = new java.util.HashSet<>();
    private int networks = 0;

    public ReferralWorld(Parameters parameters) {
        this.parameters = parameters;
        this.random = new SplittableRandom(parameters.seed());
        this.browser = new Weighted<>(BROWSERS);
        build();
    }

    /** Everyone, in signup order. */
    public List<Person> people() {
        return people.stream()
                .sorted(Comparator.comparingLong(Person::signupAtSeconds).thenComparingInt(Person::id))
                .toList();
    }

    public Map<String, RingHabits> rings() {
        return habits;
    }

    public Parameters parameters() {
        return parameters;
    }

    private void build() {
        long span = Duration.ofDays(parameters.days()).toSeconds();
        for (int r = 0; r < parameters.genuineReferrers(); r++) {
            Person referrer = genuine(-1, (long) (random.nextDouble() * span * 0.6), null);
            growTree(referrer, span, 0);
        }
        for (int g = 0; g < parameters.rings(); g++) {
            ring("ring-" + g, span);
        }
    }

    private void growTree(Person referrer, long span, int depth) {
        boolean influencer = depth == 0 && random.nextDouble() < parameters.influencerShare();
        int count = influencer ? 10 + random.nextInt(31) : geometric(parameters.meanReferees());
        if (count == 0) {
            return;
        }
        // one to three shares (a message to friends, a post); each brings a burst that fades
        int shares = 1 + random.nextInt(3);
        long[] shareAt = new long[shares];
        for (int s = 0; s < shares; s++) {
            shareAt[s] = referrer.signupAtSeconds()
                    + (long) (random.nextDouble() * Duration.ofDays(4).toSeconds());
        }
        boolean household = random.nextDouble() < 0.4;
        for (int i = 0; i < count; i++) {
            long at = shareAt[random.nextInt(shares)] + (long) exponential(influencer ? 2 * 3600 : 5 * 3600);
            if (at >= span) {
                continue;
            }
            String ip = household && random.nextDouble() < 0.35 ? referrer.ip() : null;
            Person referee = genuine(referrer.id(), at, ip);
            if (depth == 0 && random.nextDouble() < parameters.secondLevel()) {
                growTree(referee, span, depth + 1);
            }
        }
    }

    private Person genuine(int referrer, long at, String ip) {
        String first = FIRST.get(random.nextInt(FIRST.size()));
        String last = LAST.get(random.nextInt(LAST.size()));
        String local = switch (random.nextInt(7)) {
            case 0 -> first + "." + last;
            case 1 -> first + last;
            case 2 -> first.charAt(0) + last;
            case 3 -> first + (1960 + random.nextInt(45));
            case 4 -> first + "_" + last + random.nextInt(100);
            case 5 -> first + "." + last.charAt(0);
            default -> last + "." + first;
        };
        String email = local + "@" + DOMAINS.get(random.nextInt(DOMAINS.size()));
        while (!used.add(normalized(email))) {
            // two people never share an address: the namesake takes another domain or a number
            email = local + (random.nextBoolean() ? "" : Integer.toString(random.nextInt(100))) + "@"
                    + DOMAINS.get(random.nextInt(DOMAINS.size()));
        }
        String address = ip != null ? ip : random.nextDouble() < 0.15 ? carrierNat() : ownAddress();
        Long confirm = null;
        double u = random.nextDouble();
        if (u < 0.05) {
            confirm = null; // never confirms
        } else if (u < 0.07) {
            confirm = (long) ((12 + random.nextDouble() * 40) * 1000); // mail app open: within a minute
        } else {
            // lognormal around 25 minutes: from a minute or two to days
            confirm = (long) (Math.exp(Math.log(25 * 60) + 1.8 * random.nextGaussian()) * 1000);
            confirm = Math.max(confirm, 45_000L);
            if (confirm > Duration.ofDays(6).toMillis()) {
                confirm = null; // the link expires after a week: too late is never
            }
        }
        Person p = new Person(people.size(), referrer, false, null, email, address, browser.pick(random), at, confirm);
        people.add(p);
        return p;
    }

    private void ring(String name, long span) {
        RingHabits h = new RingHabits(
                pick(Map.of("counter", 0.35, "random", 0.3, "names", 0.35)),
                pick(Map.of("same", 0.5, "pool", 0.25, "realistic", 0.25)),
                pick(Map.of("scripted", 0.5, "jittered", 0.25, "human", 0.25)),
                pick(Map.of("bot", 0.6, "delayed", 0.25, "human", 0.15)));
        habits.put(name, h);
        Person owner = genuine(-1, (long) (random.nextDouble() * span * 0.7), null);
        int size = parameters.ringMin() + random.nextInt(parameters.ringMax() - parameters.ringMin() + 1);
        String stem = FIRST.get(random.nextInt(FIRST.size()))
                + LAST.get(random.nextInt(LAST.size())).charAt(0);
        List<String> pool = List.of(browser.pick(random), browser.pick(random), browser.pick(random));
        String same = random.nextBoolean() ? browser.pick(random) : pool.getFirst();
        double interval = 20 + random.nextDouble() * 300; // seconds between two fakes
        long at = owner.signupAtSeconds() + 600 + (long) (random.nextDouble() * 86_400);
        for (int i = 0; i < size; i++) {
            at += switch (h.timing()) {
                case "scripted" -> (long) (interval * (0.95 + 0.1 * random.nextDouble()));
                case "jittered" -> (long) (interval * (1 + 2 * random.nextDouble()));
                default -> (long) exponential(interval * 4);
            };
            if (at >= span) {
                break;
            }
            String domain = DOMAINS.get(random.nextInt(DOMAINS.size()));
            String email = switch (h.address()) {
                case "counter" ->
                    switch (random.nextInt(3)) {
                        case 0 -> stem + (i + 1) + "@" + domain;
                        case 1 -> stem + "+" + (i + 1) + "@" + domain;
                        default -> stem.charAt(0) + "." + stem.substring(1) + (i + 1) + "@" + domain;
                    };
                case "random" -> randomString(7 + random.nextInt(5)) + "@" + domain;
                default ->
                    FIRST.get(random.nextInt(FIRST.size())) + "." + LAST.get(random.nextInt(LAST.size()))
                            + random.nextInt(1000) + "@" + domain;
            };
            String agent = switch (h.agents()) {
                case "same" -> same;
                case "pool" -> pool.get(random.nextInt(pool.size()));
                default -> browser.pick(random);
            };
            long confirm = switch (h.confirmation()) {
                case "bot" -> 1_000 + random.nextInt(7_000);
                case "delayed" -> 30_000 + random.nextInt(150_000);
                default -> Math.max(60_000L, (long) (Math.exp(Math.log(10 * 60) + 1.2 * random.nextGaussian()) * 1000));
            };
            if (!used.add(normalized(email))) {
                continue;
            }
            people.add(new Person(people.size(), owner.id(), true, name, email, ownAddress(), agent, at, confirm));
        }
    }

    /** The address as the app matches it (Gmail ignores dots and +tags): one person per mailbox. */
    static String normalized(String email) {
        int at = email.indexOf('@');
        String local = email.substring(0, at);
        int plus = local.indexOf('+');
        if (plus >= 0) {
            local = local.substring(0, plus);
        }
        return local.replace(".", "") + email.substring(at);
    }

    /**
     * One of the choices by weight. The choices are sorted by name first: a {@code Map.of} iterates
     * in an order that changes from one JVM to the next, and the same seed must give the same world.
     */
    private String pick(Map<String, Double> weights) {
        return new Weighted<>(new LinkedHashMap<>(new java.util.TreeMap<>(weights))).pick(random);
    }

    /** A residential address in a network (/24) nobody else uses. */
    private String ownAddress() {
        int n = ++networks;
        return (11 + n / 62_500) + "." + (n / 250 % 250) + "." + (n % 250) + "." + (2 + random.nextInt(250));
    }

    /** A mobile carrier's shared addresses: a few /24s that many unrelated people come from. */
    private String carrierNat() {
        return "100.64." + random.nextInt(6) + "." + (2 + random.nextInt(250));
    }

    private String randomString(int length) {
        String letters = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(letters.charAt(random.nextInt(i == 0 ? 26 : letters.length())));
        }
        return s.toString();
    }

    private int geometric(double mean) {
        double p = 1 / (1 + mean);
        int k = 0;
        while (random.nextDouble() > p && k < 60) {
            k++;
        }
        return k;
    }

    private double exponential(double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }
}
