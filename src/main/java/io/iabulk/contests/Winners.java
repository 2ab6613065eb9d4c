package io.iabulk.contests;

import java.util.List;

/**
 * Winners picked by {@code top} (the leaderboard's first) or {@code weighted-draw} (a draw
 * without replacement weighted by points, reproducible from its seed).
 */
public record Winners(String mode, Long seed, List<Winner> winners) {}
