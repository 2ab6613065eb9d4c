package io.iabulk.intelligence.simulator;

import io.iabulk.intelligence.simulator.Person.DomainClass;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/** Draws people from the parameters: traits, time zones, domains, drift paths. */
final class Population {

    private static final String[] FIRST = {
        "anna",
        "ben",
        "chloe",
        "david",
        "emma",
        "felix",
        "grace",
        "hugo",
        "isla",
        "jack",
        "kenji",
        "lea",
        "mateo",
        "nina",
        "omar",
        "priya",
        "quentin",
        "rosa",
        "samuel",
        "tara",
        "umar",
        "valentina",
        "wei",
        "xavier",
        "yuki",
        "zoe",
        "lucas",
        "sofia",
        "noah",
        "mia",
        "liam",
        "olivia",
        "arjun",
        "fatima",
        "chen",
        "ines",
        "pablo",
        "hannah",
        "tom",
        "amara"
    };
    private static final String[] LAST = {
        "smith", "garcia", "muller", "martin", "rossi", "tanaka", "silva", "kumar", "nguyen", "kowalski", "dubois",
        "jones", "brown", "lopez", "schmidt", "bernard", "costa", "sato", "singh", "wang", "ahmed", "okafor",
        "johnson", "moreau", "fischer", "santos", "ito", "patel", "li", "novak", "yilmaz", "hansen", "murphy",
        "khan", "lee", "diaz", "weber", "petit", "romano", "mensah"
    };
    private static final String[] COMPANY_A = {
        "acme", "north", "blue", "river", "summit", "vertex", "nova", "pine", "atlas", "orbit", "cedar", "delta",
        "harbor", "lumen", "quartz", "sierra", "terra", "apex", "bright", "cobalt"
    };
    private static final String[] COMPANY_B = {
        "labs",
        "works",
        "systems",
        "group",
        "partners",
        "tech",
        "logistics",
        "health",
        "media",
        "foods",
        "capital",
        "energy",
        "retail",
        "studio",
        "consulting"
    };

    private final SimulatorParameters parameters;
    private final Weighted<String> zones;
    private final Weighted<String> webmail;
    private final Map<String, List<String>> localIsps;
    private final Weighted<double[]> personalHours;
    private final Weighted<double[]> corporateHours;
    private final Instant historyStart;
    private final Instant historyEnd;
    private final Instant driftStart;
    private final int driftDays;

    Population(SimulatorParameters parameters) {
        this.parameters = parameters;
        this.zones = new Weighted<>(parameters.weights("population.timeZones"));
        this.webmail = new Weighted<>(parameters.weights("domains.webmail"));
        this.localIsps = parameters.lists("domains.local");
        this.personalHours = hourRanges(parameters.ranges("hours.personal"));
        this.corporateHours = hourRanges(parameters.ranges("hours.corporate"));
        this.historyStart = parameters.instant("history.start");
        this.historyEnd = parameters.instant("history.end");
        this.driftStart = historyStart;
        Instant lastFuture = parameters.instants("future.sendAt").stream()
                .max(Instant::compareTo)
                .orElse(historyEnd);
        this.driftDays = (int) Duration.between(driftStart, lastFuture).toDays() + 9;
        for (String zone : zones.items()) {
            ZoneId.of(zone); // fails early on a bad zone id
        }
    }

    Person draw(int index, SplittableRandom random) {
        String trueZone = zones.pick(random);
        String declared = trueZone;
        double u = random.nextDouble();
        if (u < parameters.real("population.missingTimeZoneShare")) {
            declared = null;
        } else if (u
                < parameters.real("population.missingTimeZoneShare")
                        + parameters.real("population.wrongTimeZoneShare")) {
            do {
                declared = zones.pick(random);
            } while (declared.equals(trueZone) && zones.items().size() > 1);
        }

        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        DomainClass domainClass = domainClass(trueZone, random);
        String email = localPart(first, last, index, random) + "@" + domain(domainClass, trueZone, random);

        boolean newlyJoined = random.nextDouble() < parameters.real("population.newShare");
        Instant joinedAt = newlyJoined
                ? historyEnd.minusSeconds(
                        (long) (random.nextDouble() * parameters.real("population.newJoinDays") * 86400))
                : historyStart.minusSeconds((long) (random.nextDouble() * 3 * 365 * 86400));

        double level = parameters.real("engagement.levelMean")
                + parameters.real("engagement.levelSd") * random.nextGaussian()
                + switch (domainClass) {
                    case CORPORATE -> parameters.real("engagement.corporateShift");
                    case EDU -> parameters.real("engagement.eduShift");
                    default -> 0;
                };

        Instant dormantAt = null;
        double drop = 0;
        if (random.nextDouble() < parameters.real("dormancy.share")) {
            long before = (long) (parameters.real("dormancy.beforeDays") * 86400);
            long span = Duration.between(historyStart, historyEnd).toSeconds() + before;
            dormantAt = historyStart.minusSeconds(before).plusSeconds((long) (random.nextDouble() * span));
            drop = uniform(random, parameters.real("dormancy.dropMin"), parameters.real("dormancy.dropMax"));
        }

        boolean corporate = domainClass == DomainClass.CORPORATE;
        double peak = hour(corporate ? corporateHours : personalHours, random);
        double width = uniform(random, parameters.real("hours.widthMin"), parameters.real("hours.widthMax"));
        double amplitude =
                uniform(random, parameters.real("hours.amplitudeMin"), parameters.real("hours.amplitudeMax"));
        double weekendShift = random.nextDouble() * parameters.real("hours.weekendShiftMax");
        double weekendEffect = parameters.real(corporate ? "weekend.corporateMean" : "weekend.personalMean")
                + parameters.real("weekend.sd") * random.nextGaussian();
        double promptness =
                uniform(random, parameters.real("open.promptnessMin"), parameters.real("open.promptnessMax"));
        double clickLogit = parameters.real("click.logitMean")
                + parameters.real("click.logitSlope") * (level - parameters.real("engagement.levelMean"))
                + parameters.real("click.logitSd") * random.nextGaussian();

        boolean badAddress = random.nextDouble() < parameters.real("leave.badAddressShare");
        Instant abandonedAt = null;
        if (random.nextDouble() < parameters.real("leave.abandonShare")) {
            abandonedAt = historyStart.plusSeconds((long) (random.nextDouble()
                    * Duration.between(historyStart, historyEnd).toSeconds()));
        }

        return new Person(
                index,
                email,
                capitalize(first),
                capitalize(last),
                locale(trueZone),
                domainClass,
                ZoneId.of(trueZone),
                declared,
                joinedAt,
                newlyJoined,
                level,
                driftStart,
                drift(random),
                dormantAt,
                drop,
                peak,
                width,
                amplitude,
                Person.meanBump(width),
                weekendShift,
                weekendEffect,
                promptness,
                clickLogit,
                badAddress,
                abandonedAt);
    }

    /** An Ornstein-Uhlenbeck path, one value a day, started from its stationary law. */
    private float[] drift(SplittableRandom random) {
        double sd = parameters.real("engagement.driftSd");
        double keep = Math.exp(-1 / parameters.real("engagement.driftDays"));
        double innovation = sd * Math.sqrt(1 - keep * keep);
        float[] path = new float[driftDays];
        double z = sd * random.nextGaussian();
        for (int i = 0; i < path.length; i++) {
            path[i] = (float) z;
            z = z * keep + innovation * random.nextGaussian();
        }
        return path;
    }

    private DomainClass domainClass(String zone, SplittableRandom random) {
        double u = random.nextDouble();
        double corporate = parameters.real("domains.corporateShare");
        double edu = parameters.real("domains.eduShare");
        if (u < corporate) {
            return DomainClass.CORPORATE;
        }
        if (u < corporate + edu) {
            return DomainClass.EDU;
        }
        if (localIsps.containsKey(zone) && random.nextDouble() < parameters.real("domains.localShare")) {
            return DomainClass.LOCAL_ISP;
        }
        return DomainClass.WEBMAIL;
    }

    private String domain(DomainClass domainClass, String zone, SplittableRandom random) {
        return switch (domainClass) {
            case WEBMAIL -> webmail.pick(random);
            case LOCAL_ISP -> {
                List<String> isps = localIsps.get(zone);
                yield isps.get(random.nextInt(isps.size()));
            }
            case CORPORATE -> {
                // a few large employers and a long tail: the domain number is drawn ~ 1/rank
                int n = parameters.integer("domains.corporateDomains");
                int rank = (int) Math.floor(Math.exp(random.nextDouble() * Math.log(n + 1))) - 1;
                yield COMPANY_A[rank % COMPANY_A.length]
                        + COMPANY_B[(rank / COMPANY_A.length) % COMPANY_B.length]
                        + (rank >= COMPANY_A.length * COMPANY_B.length ? "-" + rank : "")
                        + "."
                        + topLevel(zone);
            }
            case EDU -> {
                int n = parameters.integer("domains.eduDomains");
                yield "univ" + random.nextInt(n) + (zone.equals("Europe/London") ? ".ac.uk" : ".edu");
            }
        };
    }

    private static String topLevel(String zone) {
        return switch (zone) {
            case "Europe/London" -> "co.uk";
            case "Europe/Paris" -> "fr";
            case "Europe/Berlin" -> "de";
            case "Asia/Tokyo" -> "co.jp";
            case "America/Sao_Paulo" -> "com.br";
            default -> "com";
        };
    }

    private static String localPart(String first, String last, int index, SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> first + "." + last + index;
            case 1 -> first.charAt(0) + last + index;
            case 2 -> first + "_" + last + "." + index;
            default -> first + index;
        };
    }

    private static String locale(String zone) {
        return switch (zone) {
            case "Europe/Paris" -> "fr";
            case "Europe/Berlin" -> "de";
            case "Europe/Madrid" -> "es";
            case "Europe/Rome" -> "it";
            case "Europe/Amsterdam" -> "nl";
            case "Europe/Warsaw" -> "pl";
            case "Europe/Istanbul" -> "tr";
            case "America/Sao_Paulo" -> "pt-BR";
            case "America/Mexico_City", "America/Bogota", "America/Argentina/Buenos_Aires" -> "es";
            case "Asia/Tokyo" -> "ja";
            case "Asia/Shanghai" -> "zh";
            case "Europe/London", "Australia/Sydney", "Pacific/Auckland" -> "en-GB";
            default -> "en";
        };
    }

    private static Weighted<double[]> hourRanges(List<double[]> ranges) {
        Map<double[], Double> weights = new LinkedHashMap<>();
        for (double[] range : ranges) {
            weights.put(range, range[2]);
        }
        return new Weighted<>(weights);
    }

    private static double hour(Weighted<double[]> ranges, SplittableRandom random) {
        double[] range = ranges.pick(random);
        return uniform(random, range[0], range[1]) % 24;
    }

    static double uniform(SplittableRandom random, double min, double max) {
        return min + (max - min) * random.nextDouble();
    }

    private static String capitalize(String name) {
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }
}
