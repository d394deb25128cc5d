/**
 * Schemata's library. Applications call {@link dev.schemata.Schemata} and read the records it returns; the
 * packages exported to everyone hold those records and the types their settings name. The other packages are the
 * machinery behind the CLI and the integration modules, exported to them alone: they may change in any release.
 * See the README's "As a library" section for the API surface.
 */
module dev.schemata {
    requires transitive java.sql;
    requires java.net.http;
    requires org.postgresql.jdbc;

    // The API: the facade, its results, and the types its settings and results name.
    exports dev.schemata;
    exports dev.schemata.backup;
    exports dev.schemata.catalog;
    exports dev.schemata.connect;
    exports dev.schemata.declarative;
    exports dev.schemata.diff;
    exports dev.schemata.history;
    exports dev.schemata.lint;
    exports dev.schemata.migrate;
    exports dev.schemata.migration;
    exports dev.schemata.models;

    // Internal: for the CLI and the integration modules only.
    exports dev.schemata.concurrent to dev.schemata.cli, dev.schemata.junit, dev.schemata.spring, dev.schemata.maven,
            dev.schemata.models.jpa;
    exports dev.schemata.config to dev.schemata.cli, dev.schemata.junit, dev.schemata.spring, dev.schemata.maven,
            dev.schemata.models.jpa;
    exports dev.schemata.devdb to dev.schemata.cli, dev.schemata.junit, dev.schemata.spring, dev.schemata.maven,
            dev.schemata.models.jpa;
    exports dev.schemata.fleet to dev.schemata.cli, dev.schemata.junit, dev.schemata.spring, dev.schemata.maven,
            dev.schemata.models.jpa;
    exports dev.schemata.json to dev.schemata.cli, dev.schemata.junit, dev.schemata.spring, dev.schemata.maven,
            dev.schemata.models.jpa;
    exports dev.schemata.monitor to dev.schemata.cli, dev.schemata.junit, dev.schemata.spring, dev.schemata.maven,
            dev.schemata.models.jpa;
    exports dev.schemata.report to dev.schemata.cli, dev.schemata.junit, dev.schemata.spring, dev.schemata.maven,
            dev.schemata.models.jpa;
    exports dev.schemata.sql to dev.schemata.cli, dev.schemata.junit, dev.schemata.spring, dev.schemata.maven,
            dev.schemata.models.jpa;
    exports dev.schemata.squash to dev.schemata.cli, dev.schemata.junit, dev.schemata.spring, dev.schemata.maven,
            dev.schemata.models.jpa;
}
