package dev.schemata.diff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one comparison every kind of object goes through: match the old and new lists by key, and split them
 * into objects only in the new list (adds), only in the old list (drops), and in both but unequal (alters).
 * Each list keeps the order of its input; the model's lists are sorted by name, so the result is deterministic.
 */
final class Matcher {
    private Matcher() {
    }

    /** An object in both lists whose definitions differ. */
    record Changed<T>(T from, T to) {
    }

    record Matched<T>(List<T> adds, List<T> drops, List<Changed<T>> alters, List<T> unchanged) {
    }

    static <T, K> Matched<T> match(List<T> from, List<T> to, Function<T, K> key) {
        Map<K, T> old = new LinkedHashMap<>();
        for (T item : from) {
            old.put(key.apply(item), item);
        }
        Map<K, T> fresh = new LinkedHashMap<>();
        for (T item : to) {
            fresh.put(key.apply(item), item);
        }
        List<T> adds = new ArrayList<>();
        List<Changed<T>> alters = new ArrayList<>();
        List<T> unchanged = new ArrayList<>();
        for (Map.Entry<K, T> entry : fresh.entrySet()) {
            T before = old.get(entry.getKey());
            if (before == null) {
                adds.add(entry.getValue());
            } else if (before.equals(entry.getValue())) {
                unchanged.add(entry.getValue());
            } else {
                alters.add(new Changed<>(before, entry.getValue()));
            }
        }
        List<T> drops = new ArrayList<>();
        for (Map.Entry<K, T> entry : old.entrySet()) {
            if (!fresh.containsKey(entry.getKey())) {
                drops.add(entry.getValue());
            }
        }
        return new Matched<>(adds, drops, alters, unchanged);
    }

    /** The items in an order where each comes after the ones {@code dependencies} names (ties by input order). */
    static <T, K> List<T> dependenciesFirst(List<T> items, Function<T, K> key, Function<T, List<K>> dependencies) {
        Map<K, T> byKey = new LinkedHashMap<>();
        for (T item : items) {
            byKey.put(key.apply(item), item);
        }
        List<T> ordered = new ArrayList<>();
        Map<K, Boolean> visited = new LinkedHashMap<>();
        for (T item : items) {
            visit(item, key, dependencies, byKey, visited, ordered);
        }
        return ordered;
    }

    private static <T, K> void visit(T item, Function<T, K> key, Function<T, List<K>> dependencies, Map<K, T> byKey,
                                     Map<K, Boolean> visited, List<T> ordered) {
        K k = key.apply(item);
        if (visited.containsKey(k)) {
            return; // done, or a cycle (which PostgreSQL does not allow between these objects)
        }
        visited.put(k, Boolean.FALSE);
        for (K dependency : dependencies.apply(item)) {
            T other = byKey.get(dependency);
            if (other != null) {
                visit(other, key, dependencies, byKey, visited, ordered);
            }
        }
        visited.put(k, Boolean.TRUE);
        ordered.add(item);
    }

    static <T> List<T> sorted(List<T> items, Comparator<? super T> order) {
        List<T> copy = new ArrayList<>(items);
        copy.sort(order);
        return copy;
    }
}
