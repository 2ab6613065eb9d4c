package io.iabulk.intelligence.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The engagement simulator (issue 13, section 5): draws a population and the history of past
 * campaigns the previous mailer sent them, and writes, in the public import formats, {@code
 * contacts.csv} and {@code history.csv}, with the truth beside them: every person's true
 * probabilities for future sends ({@code truth-future.csv}), their true best hours ({@code
 * truth-best-hours.csv}) and their latent traits ({@code truth-people.csv}). Deterministic by
 * {@code seed}; every parameter comes from one file ({@link SimulatorParameters}).
 *
 * <pre>
 * Simulator --out DIR [--params bench/intelligence/simulator.properties] [key=value ...]
 * </pre>
 */
public final class Simulator {

    private final SimulatorParameters parameters;
    private final Person.World world;

    public Simulator(SimulatorParameters parameters) {
        this.parameters = parameters;
        this.world = new Person.World(
                parameters.real("population.honeymoonLogit"),
                parameters.real("population.honeymoonDays"),
                parameters.real("dormancy.rampDays"),
                parameters.real("engagement.fatiguePerRecentSend"));
    }

    public static void main(String[] args) throws IOException {
        Path out = null;
        Path file = SimulatorParameters.DEFAULT_FILE;
        List<String> overrides = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--params" -> file = Path.of(args[++i]);
                default -> overrides.add(args[i]);
            }
        }
        if (out == null) {
            System.err.println("usage: Simulator --out DIR [--params FILE] [key=value ...]");
            System.exit(2);
        }
        long started = System.nanoTime();
        Summary summary = new Simulator(SimulatorParameters.load(file, overrides)).run(out);
        System.err.printf(
                Locale.ROOT,
                "simulated %d people, %d past sends (%.3f opened, %.3f clicked) into %s in %.1f s%n",
                summary.people,
                summary.sends,
                summary.opens / (double) summary.sends,
                summary.clicks / (double) summary.sends,
                out,
                (System.nanoTime() - started) / 1e9);
    }

    /** What a run produced, for its README. */
    static final class Summary {
        long people;
        long sends;
        long opens;
        long clicks;
        double trueOpenSum;
        long unsubscribed;
        long complained;
        long bounced;
        long newlyJoined;
        long dormantAtFuture;
        long withoutDeclaredZone;
        long mailable;
        double futureOpenSum;
        double futureClickSum;
        double bestSlotOpenSum;
        long[] sendsPerPerson = new long[64];
    }

    public Summary run(Path out) throws IOException {
        Files.createDirectories(out);
        SplittableRandom root = new SplittableRandom(parameters.longValue("seed"));
        List<Campaign> campaigns = Campaign.plan(parameters, root.split());
        Population population = new Population(parameters);
        List<Instant> future = parameters.instants("future.sendAt");
        // its own random stream, so that turning the oracle on or off changes no other file
        PosteriorOracle oracle =
                new PosteriorOracle(parameters, population, world, new SplittableRandom(~parameters.longValue("seed")));
        Summary summary = new Summary();
        try (Output output = new Output(out)) {
            output.header(future, oracle.enabled());
            writeCampaigns(out.resolve("campaigns.csv"), campaigns);
            int people = parameters.integer("people");
            for (int i = 1; i <= people; i++) {
                Person person = population.draw(i, root.split());
                simulate(person, campaigns, future, oracle, root.split(), output, summary);
            }
        }
        Readme.write(out, parameters, campaigns, summary);
        return summary;
    }

    /** One person's history, outcomes and truth. */
    private void simulate(
            Person person,
            List<Campaign> campaigns,
            List<Instant> future,
            PosteriorOracle oracle,
            SplittableRandom random,
            Output output,
            Summary summary)
            throws IOException {
        summary.people++;
        if (person.newlyJoined()) {
            summary.newlyJoined++;
        }
        if (person.declaredZone() == null) {
            summary.withoutDeclaredZone++;
        }
        output.contact(person);
        List<Instant> sent = new ArrayList<>();
        List<Instant> opened = new ArrayList<>();
        List<PosteriorOracle.Observation> observed = new ArrayList<>();
        Instant leftAt = null;
        String leftReason = "";
        int opens = 0;
        int clicks = 0;
        long engagedSeconds = (long) (parameters.real("campaigns.engagedDays") * 86400);
        // in the order the person receives them (a drip campaign's sends overlap later campaigns)
        List<Delivery> deliveries = new ArrayList<>();
        for (Campaign campaign : campaigns) {
            deliveries.add(new Delivery(campaign, campaign.startedAt().plusSeconds((long)
                    (random.nextDouble() * campaign.spread().toSeconds()))));
        }
        deliveries.sort(java.util.Comparator.comparing(Delivery::sentAt));
        for (Delivery delivery : deliveries) {
            Campaign campaign = delivery.campaign();
            Instant sentAt = delivery.sentAt();
            boolean chosen = switch (campaign.audience()) {
                case ALL -> true;
                case RANDOM -> random.nextDouble() < campaign.fraction();
                case ENGAGED ->
                    opened.stream()
                            .anyMatch(t -> t.isBefore(campaign.startedAt())
                                    && t.isAfter(campaign.startedAt().minusSeconds(engagedSeconds)));
                case REGIONAL -> campaign.inRegion(person.declaredZone());
            };
            if (!chosen || person.joinedAt().isAfter(sentAt) || (leftAt != null && leftAt.isBefore(sentAt))) {
                continue;
            }
            sent.add(sentAt);
            if ((person.badAddress() && sent.size() == 1)
                    || (person.abandonedAt() != null && person.abandonedAt().isBefore(sentAt))) {
                Instant bouncedAt = sentAt.plusSeconds(5 + random.nextInt(600));
                output.history(person, campaign, sentAt, null, null, 0, 0, null, bouncedAt, null);
                leftAt = bouncedAt;
                leftReason = "bounced";
                summary.bounced++;
                summary.sends++;
                continue;
            }
            int recent = recentSends(sent, sentAt);
            double p = Person.sigmoid(person.openLogit(world, sentAt, recent, campaign.openAppeal()));
            summary.trueOpenSum += p;
            summary.sends++;
            Instant deadline = sentAt.plus(Duration.ofHours(72));
            Instant openedAt = null;
            Instant clickedAt = null;
            int messageOpens = 0;
            int messageClicks = 0;
            if (random.nextDouble() < p) {
                openedAt = openTime(person, sentAt, random);
                opened.add(openedAt);
                messageOpens = 1 + poisson(parameters.real("open.extraOpensMean"), random);
                opens++;
                summary.opens++;
                if (random.nextDouble() < Person.sigmoid(person.clickLogit() + campaign.clickAppeal())) {
                    clickedAt = clickTime(openedAt, deadline, random);
                    messageClicks = 1 + poisson(parameters.real("click.extraClicksMean"), random);
                    clicks++;
                    summary.clicks++;
                }
            }
            observed.add(new PosteriorOracle.Observation(sentAt, openedAt != null, recent, campaign.openAppeal()));
            Instant unsubscribedAt = null;
            Instant complainedAt = null;
            if (random.nextDouble() < parameters.real("leave.complaintPerSend")) {
                Instant from = openedAt != null ? openedAt : sentAt;
                complainedAt = min(from.plusSeconds(60 + random.nextInt(86400)), deadline);
                leftAt = complainedAt;
                leftReason = "complained";
                summary.complained++;
            } else if (openedAt != null && random.nextDouble() < parameters.real("leave.unsubscribeGivenOpen")) {
                Instant from = clickedAt != null ? clickedAt : openedAt;
                unsubscribedAt = min(from.plusSeconds(10 + random.nextInt(290)), deadline);
                leftAt = unsubscribedAt;
                leftReason = "unsubscribed";
                summary.unsubscribed++;
            }
            output.history(
                    person,
                    campaign,
                    sentAt,
                    openedAt,
                    clickedAt,
                    messageOpens,
                    messageClicks,
                    unsubscribedAt,
                    null,
                    complainedAt);
        }
        summary.sendsPerPerson[Math.min(sent.size(), summary.sendsPerPerson.length - 1)]++;
        output.person(person, leftAt, leftReason, sent.size(), opens, clicks);
        if (leftAt != null) {
            return; // not mailable any more: no future send
        }
        summary.mailable++;
        if (oracle.enabled()) {
            int[] recentAtFuture =
                    future.stream().mapToInt(at -> recentSends(sent, at)).toArray();
            double[] posterior = oracle.predict(person, observed, future, recentAtFuture);
            for (int j = 0; j < future.size(); j++) {
                output.oracle(person, future.get(j), posterior[j]);
            }
        }
        for (Instant at : future) {
            double open = trueOpen(person, at, recentSends(sent, at));
            double click = open * Person.sigmoid(person.clickLogit());
            output.future(person, at, open, click);
            boolean gone = mailboxGone(person, at);
            output.parts(
                    person,
                    at,
                    gone ? Double.NEGATIVE_INFINITY : person.stateLogit(world, at),
                    gone ? 0 : person.timeLogit(at),
                    gone ? 0 : world.fatiguePerRecentSend() * recentSends(sent, at));
            if (at.equals(future.getFirst())) {
                summary.futureOpenSum += open;
                summary.futureClickSum += click;
                if (person.dormantAt() != null && person.dormantAt().isBefore(at)) {
                    summary.dormantAtFuture++;
                }
            }
        }
        List<Slot> best = bestHours(person, future.getFirst());
        output.bestHours(person, best);
        summary.bestSlotOpenSum += best.isEmpty() ? 0 : best.getFirst().openProbability();
    }

    private record Delivery(Campaign campaign, Instant sentAt) {}

    /** The true P(open within 72 h) of a future send (0 once the mailbox is gone). */
    double trueOpen(Person person, Instant at, int recentSends) {
        if (mailboxGone(person, at)) {
            return 0;
        }
        return Person.sigmoid(person.openLogit(world, at, recentSends, 0));
    }

    private static boolean mailboxGone(Person person, Instant at) {
        return person.badAddress()
                || (person.abandonedAt() != null && person.abandonedAt().isBefore(at));
    }

    /** A true best hour: the UTC instant of the slot and its true P(open). */
    record Slot(Instant at, double openProbability) {}

    /**
     * The three best hourly slots of the week that starts at {@code from} (truncated to the hour),
     * the person's slow state (drift, dormancy, honeymoon) frozen at {@code from}, no fatigue.
     */
    List<Slot> bestHours(Person person, Instant from) {
        if (mailboxGone(person, from)) {
            return List.of();
        }
        double state = person.stateLogit(world, from);
        Instant first = from.truncatedTo(ChronoUnit.HOURS);
        Slot[] slots = new Slot[168];
        for (int k = 0; k < slots.length; k++) {
            Instant at = first.plus(Duration.ofHours(k));
            slots[k] = new Slot(at, Person.sigmoid(state + person.timeLogit(at)));
        }
        Arrays.sort(slots, (a, b) -> Double.compare(b.openProbability(), a.openProbability()));
        return List.of(slots[0], slots[1], slots[2]);
    }

    private static int recentSends(List<Instant> sent, Instant at) {
        Instant from = at.minus(Duration.ofHours(72));
        int n = 0;
        for (Instant t : sent) {
            if (t.isBefore(at) && !t.isBefore(from)) {
                n++;
            }
        }
        return n;
    }

    /**
     * When an opened email is opened: on the send's local day or one of the next three, with weight
     * promptness^k, at an hour around the person's peak of that day, within (send, send + 72 h].
     */
    private static Instant openTime(Person person, Instant sentAt, SplittableRandom random) {
        ZoneId zone = person.trueZone();
        var day = sentAt.atZone(zone).toLocalDate();
        double q = person.promptness();
        double total = 1 + q + q * q + q * q * q;
        Instant deadline = sentAt.plus(Duration.ofHours(72));
        for (int attempt = 0; attempt < 50; attempt++) {
            double u = random.nextDouble() * total;
            int k = u < 1 ? 0 : u < 1 + q ? 1 : u < 1 + q + q * q ? 2 : 3;
            var date = day.plusDays(k);
            boolean weekend = Person.isWeekend(date.getDayOfWeek());
            double hour = person.peak(weekend) + person.width() * random.nextGaussian();
            hour = ((hour % 24) + 24) % 24;
            Instant candidate = ZonedDateTime.of(date, java.time.LocalTime.MIDNIGHT, zone)
                    .plusSeconds((long) (hour * 3600))
                    .toInstant();
            if (candidate.isAfter(sentAt.plusSeconds(30)) && !candidate.isAfter(deadline)) {
                return candidate;
            }
        }
        return sentAt.plusSeconds(30 + (long) (random.nextDouble() * (72 * 3600 - 30)));
    }

    private Instant clickTime(Instant openedAt, Instant deadline, SplittableRandom random) {
        long room = Duration.between(openedAt, deadline).toSeconds();
        long delay = random.nextDouble() < parameters.real("click.revisitShare")
                ? (long) (random.nextDouble() * room)
                : (long) (random.nextExponential() * parameters.real("click.delayMinutesMean") * 60);
        return openedAt.plusSeconds(Math.max(1, Math.min(delay, room)));
    }

    static int poisson(double mean, SplittableRandom random) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= random.nextDouble();
            n++;
        }
        return n;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static void writeCampaigns(Path file, List<Campaign> campaigns) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("messageId,startedAt,spreadMinutes,audience,timing,fraction,market,openAppeal,clickAppeal\n");
            for (Campaign c : campaigns) {
                out.write(String.format(
                        Locale.ROOT,
                        "%s,%s,%d,%s,%s,%.3f,%s,%.4f,%.4f%n",
                        c.messageId(),
                        Output.instant(c.startedAt()),
                        c.spread().toMinutes(),
                        c.audience(),
                        c.timing(),
                        c.audience() == Campaign.Audience.RANDOM ? c.fraction() : 1.0,
                        c.market(),
                        c.openAppeal(),
                        c.clickAppeal()));
            }
        }
    }

    static ZoneId apiZone(Person person) {
        return person.declaredZone() == null ? ZoneOffset.UTC : ZoneId.of(person.declaredZone());
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
