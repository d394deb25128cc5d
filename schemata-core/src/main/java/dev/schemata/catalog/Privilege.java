package dev.schemata.catalog;

import java.util.Comparator;
import java.util.Objects;

/**
 * One granted privilege of an object's access control list, normalized: the grantor is dropped, and the
 * owner's own privileges are never listed (they are implicit, and the owner may differ between a fresh
 * database and a restored one). An object without an explicit ACL is read as PostgreSQL's default ACL,
 * so the {@code EXECUTE} that functions and the {@code USAGE} that types grant to {@code PUBLIC} appear
 * until they are revoked.
 *
 * @param grantee   the role name, or {@link #PUBLIC}
 * @param privilege the privilege keyword as in {@code GRANT}: {@code SELECT}, {@code USAGE}, {@code EXECUTE}, …
 * @param grantable whether it was granted {@code WITH GRANT OPTION}
 */
public record Privilege(String grantee, String privilege, boolean grantable) implements Comparable<Privilege> {
    /** The grantee name that stands for every role. */
    public static final String PUBLIC = "PUBLIC";

    private static final Comparator<Privilege> ORDER = Comparator.comparing(Privilege::grantee)
            .thenComparing(Privilege::privilege).thenComparing(Privilege::grantable);

    public Privilege {
        Objects.requireNonNull(grantee, "grantee");
        Objects.requireNonNull(privilege, "privilege");
    }

    @Override
    public int compareTo(Privilege other) {
        return ORDER.compare(this, other);
    }
}
