package dev.schemata.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Immutable copies of the model's collections, in the canonical order that makes equality deterministic. */
final class Lists {
    private Lists() {
    }

    static <T extends Comparable<? super T>> List<T> sorted(List<T> items) {
        return sorted(items, Comparator.naturalOrder());
    }

    static <T> List<T> sorted(List<T> items, Comparator<? super T> order) {
        List<T> copy = new ArrayList<>(items);
        copy.sort(order);
        return List.copyOf(copy);
    }
}
