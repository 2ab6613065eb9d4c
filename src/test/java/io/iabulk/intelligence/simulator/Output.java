package io.iabulk.intelligence.simulator;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** The files of a simulated data set, written one person at a time. */
final class Output implements Closeable {

    static final String CONTACTS_HEADER = "email,first_name,last_name,time_zone,locale,signed_up_on";
    static final String HISTORY_HEADER =
            "email,messageId,sentAt,openedAt,clickedAt,opens,clicks,unsubscribedAt,bouncedAt,complainedAt";
    static final String FUTURE_HEADER = "email,sendAt,trueOpenProbability,trueClickProbability";
    static final String ORACLE_HEADER = "email,sendAt,posteriorOpenProbability";
    static final String PARTS_HEADER = "email,sendAt,stateLogit,timeLogit,fatigueLogit";
    static final String BEST_HOURS_HEADER = "email,rank,sendAt,trueTimeZone,dayOfWeek,hour,"
            + "declaredTimeZone,declaredDayOfWeek,declaredHour,trueOpenProbability";
    static final String PEOPLE_HEADER = "email,trueTimeZone,declaredTimeZone,domainClass,newlyJoined,joinedAt,"
            + "level,dormantAt,dormancyDrop,peakHour,width,amplitude,weekendShift,weekendEffect,promptness,"
            + "clickGivenOpen,badAddress,abandonedAt,leftAt,leftReason,sends,opens,clicks";

    private final BufferedWriter contacts;
    private final BufferedWriter history;
    private final BufferedWriter future;
    private final BufferedWriter parts;
    private final BufferedWriter bestHours;
    private final BufferedWriter people;
    private final Path dir;
    private BufferedWriter oracle;

    Output(Path dir) throws IOException {
        this.dir = dir;
        contacts = open(dir.resolve("contacts.csv"));
        history = open(dir.resolve("history.csv"));
        future = open(dir.resolve("truth-future.csv"));
        parts = open(dir.resolve("truth-future-parts.csv"));
        bestHours = open(dir.resolve("truth-best-hours.csv"));
        people = open(dir.resolve("truth-people.csv"));
    }

    private static BufferedWriter open(Path file) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 20);
    }

    void header(List<Instant> futureSends, boolean withOracle) throws IOException {
        if (withOracle) {
            oracle = open(dir.resolve("oracle-future.csv"));
            oracle.write(ORACLE_HEADER + "\n");
        } else {
            Files.deleteIfExists(dir.resolve("oracle-future.csv"));
        }
        contacts.write(CONTACTS_HEADER + "\n");
        history.write(HISTORY_HEADER + "\n");
        future.write(FUTURE_HEADER + "\n");
        parts.write(PARTS_HEADER + "\n");
        bestHours.write(BEST_HOURS_HEADER + "\n");
        people.write(PEOPLE_HEADER + "\n");
    }

    void contact(Person p) throws IOException {
        contacts.write(p.email() + "," + p.firstName() + "," + p.lastName() + ","
                + (p.declaredZone() == null ? "" : p.declaredZone()) + "," + p.locale() + ","
                + LocalDate.ofInstant(p.joinedAt(), ZoneOffset.UTC) + "\n");
    }

    void history(
            Person p,
            Campaign campaign,
            Instant sentAt,
            Instant openedAt,
            Instant clickedAt,
            int opens,
            int clicks,
            Instant unsubscribedAt,
            Instant bouncedAt,
            Instant complainedAt)
            throws IOException {
        history.write(p.email() + "," + campaign.messageId() + "," + instant(sentAt) + "," + instant(openedAt) + ","
                + instant(clickedAt) + "," + opens + "," + clicks + "," + instant(unsubscribedAt) + ","
                + instant(bouncedAt) + "," + instant(complainedAt) + "\n");
    }

    void future(Person p, Instant at, double open, double click) throws IOException {
        future.write(p.email() + "," + instant(at) + "," + probability(open) + "," + probability(click) + "\n");
    }

    void oracle(Person p, Instant at, double open) throws IOException {
        oracle.write(p.email() + "," + instant(at) + "," + probability(open) + "\n");
    }

    /** The parts of the true open logit of a future send (stateLogit -Infinity: a dead mailbox). */
    void parts(Person p, Instant at, double state, double time, double fatigue) throws IOException {
        parts.write(String.format(Locale.ROOT, "%s,%s,%.6f,%.6f,%.6f%n", p.email(), instant(at), state, time, fatigue));
    }

    void bestHours(Person p, List<Simulator.Slot> slots) throws IOException {
        int rank = 1;
        for (Simulator.Slot slot : slots) {
            ZonedDateTime local = slot.at().atZone(p.trueZone());
            ZonedDateTime declared = slot.at().atZone(Simulator.apiZone(p));
            bestHours.write(p.email() + "," + rank++ + "," + instant(slot.at()) + "," + p.trueZone() + ","
                    + local.getDayOfWeek() + "," + local.getHour() + ","
                    + (p.declaredZone() == null ? "" : p.declaredZone()) + "," + declared.getDayOfWeek() + ","
                    + declared.getHour() + "," + probability(slot.openProbability()) + "\n");
        }
    }

    void person(Person p, Instant leftAt, String leftReason, int sends, int opens, int clicks) throws IOException {
        people.write(String.format(
                Locale.ROOT,
                "%s,%s,%s,%s,%b,%s,%.4f,%s,%.3f,%.3f,%.3f,%.3f,%.3f,%.4f,%.3f,%.4f,%b,%s,%s,%s,%d,%d,%d%n",
                p.email(),
                p.trueZone(),
                p.declaredZone() == null ? "" : p.declaredZone(),
                p.domainClass(),
                p.newlyJoined(),
                instant(p.joinedAt()),
                p.level(),
                instant(p.dormantAt()),
                p.dormancyDrop(),
                p.peakHour(),
                p.width(),
                p.amplitude(),
                p.weekendShift(),
                p.weekendEffect(),
                p.promptness(),
                Person.sigmoid(p.clickLogit()),
                p.badAddress(),
                instant(p.abandonedAt()),
                instant(leftAt),
                leftReason,
                sends,
                opens,
                clicks));
    }

    static String instant(Instant t) {
        return t == null ? "" : DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    static String probability(double p) {
        return String.format(Locale.ROOT, "%.6f", p);
    }

    @Override
    public void close() throws IOException {
        for (BufferedWriter w : List.of(contacts, history, future, parts, bestHours, people)) {
            w.close();
        }
        if (oracle != null) {
            oracle.close();
        }
    }
}
