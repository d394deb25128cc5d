package dev.schemata.fleet;

import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.HostPort;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Shards are disjoint, cover the fleet, and move few targets when the fleet or the number of shards changes. */
class ShardTest {
    private static final ConnectionSettings DB = new ConnectionSettings(List.of(new HostPort("db", 5432)), "app", "app",
            "secret", Map.of(), "test");

    private static List<Target> tenants(int from, int to) {
        List<Target> targets = new ArrayList<>();
        for (int i = from; i < to; i++) {
            targets.add(new Target("t" + i, DB, "t" + i, Map.of()));
        }
        return targets;
    }

    private static Map<String, Integer> assign(List<Target> targets, int n) {
        Map<String, Integer> shardOf = new HashMap<>();
        for (int i = 1; i <= n; i++) {
            for (Target t : new Shard(i, n).select(targets)) {
                assertThat(shardOf.put(t.name(), i)).as(t.name() + " in one shard only").isNull();
            }
        }
        assertThat(shardOf).hasSize(targets.size());
        return shardOf;
    }

    @Test
    void shardsAreDisjointCoverEverythingAndAreBalanced() {
        List<Target> fleet = tenants(0, 10_000);
        Map<String, Integer> shardOf = assign(fleet, 4);
        for (int i = 1; i <= 4; i++) {
            int shard = i;
            assertThat(shardOf.values().stream().filter(s -> s == shard).count()).isBetween(2_300L, 2_700L);
        }
    }

    @Test
    void addingTargetsMovesNoneAndAddingAShardMovesFew() {
        Map<String, Integer> before = assign(tenants(0, 5_000), 4);
        Map<String, Integer> grown = assign(tenants(0, 6_000), 4);
        before.forEach((name, shard) -> assertThat(grown.get(name)).isEqualTo(shard));
        Map<String, Integer> five = assign(tenants(0, 5_000), 5);
        long moved = before.keySet().stream().filter(n -> !before.get(n).equals(five.get(n))).count();
        // Ideal: a fifth of them move to the new shard; a modulo would move four fifths.
        assertThat(moved).isBetween(800L, 1_200L);
        before.keySet().stream().filter(n -> !before.get(n).equals(five.get(n)))
                .forEach(n -> assertThat(five.get(n)).as("moved only to the new shard").isEqualTo(5));
    }

    @Test
    void identityIgnoresUserAndPasswordAndTheFormIsChecked() {
        Target a = new Target("x", DB, "s", Map.of());
        Target b = new Target("y", DB.withPassword("other"), "s", Map.of());
        assertThat(a.identity()).isEqualTo(b.identity()).isEqualTo("db:5432/app/s").doesNotContain("secret");
        assertThat(Shard.parse("2/3")).isEqualTo(new Shard(2, 3));
        for (String bad : List.of("0/3", "4/3", "1-3", "", "a/b", "1/0")) {
            assertThatThrownBy(() -> Shard.parse(bad)).isInstanceOf(SchemataException.class).hasMessageContaining("i/n");
        }
    }
}
