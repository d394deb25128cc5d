package dev.schemata.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A part read by its own query (a column, a domain constraint, a view dependency) together with the name
 * of the object it belongs to, until the reader attaches it.
 */
record Owned<T>(QualifiedName owner, T part) {

    /** The parts by owner, each owner's parts in query order. */
    static <T> Map<QualifiedName, List<T>> byOwner(List<Owned<T>> parts) {
        Map<QualifiedName, List<T>> byOwner = new LinkedHashMap<>();
        for (Owned<T> owned : parts) {
            byOwner.computeIfAbsent(owned.owner(), k -> new ArrayList<>()).add(owned.part());
        }
        return byOwner;
    }
}
