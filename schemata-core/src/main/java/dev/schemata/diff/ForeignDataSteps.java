package dev.schemata.diff;

import dev.schemata.catalog.ForeignDataWrapper;
import dev.schemata.catalog.ForeignServer;
import dev.schemata.catalog.UserMapping;

import java.util.List;
import java.util.Objects;

import static dev.schemata.diff.Identifiers.literal;
import static dev.schemata.diff.Identifiers.quote;

/**
 * Foreign-data wrappers, foreign servers and user mappings, created in that order after functions (a
 * wrapper's handler) and before tables (foreign tables name a server), dropped in the reverse order after
 * the foreign tables.
 *
 * <p>Passwords ({@code password}, {@code sslpassword} options) are never read, so they can be neither
 * compared nor written: a server or user mapping that the plan creates gets every option except those, and
 * a comment above its statement says which to set by hand. A password the target has and the desired
 * schema has not is dropped; one the desired schema has and the target has not is only mentioned.
 */
final class ForeignDataSteps {
    private final DiffContext ctx;

    ForeignDataSteps(DiffContext ctx) {
        this.ctx = ctx;
    }

    static String wrapperKey(String name) {
        return DiffContext.key("foreign-data wrapper", name);
    }

    static String serverKey(String name) {
        return DiffContext.key("server", name);
    }

    void plan() {
        Matcher.Matched<ForeignDataWrapper> wrappers = Matcher.match(ctx.from.foreignDataWrappers(),
                ctx.to.foreignDataWrappers(), ForeignDataWrapper::name);
        wrappers(wrappers);
        Matcher.Matched<ForeignServer> servers = Matcher.match(ctx.from.foreignServers(), ctx.to.foreignServers(),
                ForeignServer::name);
        for (ForeignServer s : servers.adds()) {
            create(s);
        }
        for (Matcher.Changed<ForeignServer> change : servers.alters()) {
            alter(change.from(), change.to());
        }
        mappings();
        for (ForeignServer s : servers.drops()) {
            ctx.add(Phase.DROP_FOREIGN_SERVERS, "DROP SERVER " + quote(s.name()), Hazard.UNTRACKED_CALLERS);
        }
        for (ForeignDataWrapper w : wrappers.drops()) {
            ctx.add(Phase.DROP_FOREIGN_SERVERS, "DROP FOREIGN DATA WRAPPER " + quote(w.name()), Hazard.UNTRACKED_CALLERS);
        }
    }

    private void wrappers(Matcher.Matched<ForeignDataWrapper> matched) {
        for (ForeignDataWrapper w : matched.adds()) {
            ctx.add(Phase.CREATE_FOREIGN_SERVERS, "CREATE FOREIGN DATA WRAPPER " + quote(w.name())
                    + (w.handler() == null ? "" : " HANDLER " + w.handler())
                    + (w.validator() == null ? "" : " VALIDATOR " + w.validator()) + Options.clause(w.options()));
        }
        for (Matcher.Changed<ForeignDataWrapper> change : matched.alters()) {
            ForeignDataWrapper a = change.from();
            ForeignDataWrapper b = change.to();
            String alter = "ALTER FOREIGN DATA WRAPPER " + quote(b.name()) + " ";
            if (!Objects.equals(a.handler(), b.handler())) {
                ctx.add(Phase.CREATE_FOREIGN_SERVERS, alter + (b.handler() == null ? "NO HANDLER" : "HANDLER " + b.handler()));
            }
            if (!Objects.equals(a.validator(), b.validator())) {
                ctx.add(Phase.CREATE_FOREIGN_SERVERS, alter
                        + (b.validator() == null ? "NO VALIDATOR" : "VALIDATOR " + b.validator()));
            }
            String options = Options.change(a.options(), b.options());
            if (options != null) {
                ctx.add(Phase.CREATE_FOREIGN_SERVERS, alter + options);
            }
        }
    }

    private void create(ForeignServer s) {
        ctx.add(Phase.CREATE_FOREIGN_SERVERS, unwritten(s.secretOptions(), "ALTER SERVER " + quote(s.name()))
                + "CREATE SERVER " + quote(s.name()) + (s.type() == null ? "" : " TYPE " + literal(s.type()))
                + (s.version() == null ? "" : " VERSION " + literal(s.version()))
                + " FOREIGN DATA WRAPPER " + quote(s.wrapper()) + Options.clause(s.options()));
    }

    private void alter(ForeignServer a, ForeignServer b) {
        if (!a.wrapper().equals(b.wrapper()) || !Objects.equals(a.type(), b.type())) {
            // Neither can be altered. The server's user mappings and foreign tables go first (and come back).
            ctx.markRecreated(serverKey(b.name()));
            ctx.from.userMappings().stream().filter(m -> m.server().equals(a.name())).forEach(m -> ctx.add(
                    Phase.DROP_FOREIGN_TABLES, "DROP USER MAPPING FOR " + PolicySteps.role(m.role()) + " SERVER " + quote(m.server())));
            ctx.add(Phase.CREATE_FOREIGN_SERVERS, "DROP SERVER " + quote(a.name()), Hazard.UNTRACKED_CALLERS);
            create(b);
            return;
        }
        String alter = "ALTER SERVER " + quote(b.name()) + " ";
        if (!Objects.equals(a.version(), b.version())) {
            ctx.add(Phase.CREATE_FOREIGN_SERVERS, alter + "VERSION " + (b.version() == null ? "NULL" : literal(b.version())));
        }
        String options = Options.change(a.options(), b.options());
        if (options != null) {
            ctx.add(Phase.CREATE_FOREIGN_SERVERS, alter + options);
        }
        secretsChange(a.secretOptions(), b.secretOptions(), alter.strip());
    }

    private void mappings() {
        Matcher.Matched<UserMapping> matched = Matcher.match(ctx.from.userMappings(), ctx.to.userMappings(),
                m -> List.of(m.role(), m.server()));
        for (UserMapping m : matched.adds()) {
            create(m);
        }
        for (UserMapping m : matched.unchanged()) {
            if (ctx.isRecreated(serverKey(m.server()))) {
                create(m);
            }
        }
        for (Matcher.Changed<UserMapping> change : matched.alters()) {
            UserMapping a = change.from();
            UserMapping b = change.to();
            if (ctx.isRecreated(serverKey(b.server()))) {
                create(b);
                continue;
            }
            String options = Options.change(a.options(), b.options());
            if (options != null) {
                ctx.add(Phase.CREATE_FOREIGN_SERVERS, alter(b) + " " + options);
            }
            secretsChange(a.secretOptions(), b.secretOptions(), alter(b));
        }
        for (UserMapping m : matched.drops()) {
            if (ctx.isRecreated(serverKey(m.server()))) {
                continue; // already dropped with its server
            }
            ctx.add(Phase.DROP_FOREIGN_SERVERS, "DROP USER MAPPING FOR " + PolicySteps.role(m.role()) + " SERVER "
                    + quote(m.server()));
        }
    }

    private void create(UserMapping m) {
        ctx.add(Phase.CREATE_FOREIGN_SERVERS, unwritten(m.secretOptions(), alter(m)) + "CREATE USER MAPPING FOR "
                + PolicySteps.role(m.role()) + " SERVER " + quote(m.server()) + Options.clause(m.options()));
    }

    private static String alter(UserMapping m) {
        return "ALTER USER MAPPING FOR " + PolicySteps.role(m.role()) + " SERVER " + quote(m.server());
    }

    /** Secret options the target has and the desired schema has not are dropped; the others are left as they are. */
    private void secretsChange(List<String> from, List<String> to, String alter) {
        List<String> dropped = from.stream().filter(name -> !to.contains(name)).toList();
        if (!dropped.isEmpty()) {
            ctx.add(Phase.CREATE_FOREIGN_SERVERS, alter + " OPTIONS (" + String.join(", ",
                    dropped.stream().map(name -> "DROP " + quote(name)).toList()) + ")");
        }
    }

    /**
     * A comment naming the password options that are not written, with the statement that sets them: their
     * values were never read, so that no output holds a secret.
     */
    private static String unwritten(List<String> secrets, String alter) {
        if (secrets.isEmpty()) {
            return "";
        }
        return "-- not written (its value is never read): " + String.join(", ", secrets) + "; set it with\n-- "
                + alter + " OPTIONS (ADD " + quote(secrets.get(0)) + " '…');\n";
    }
}
