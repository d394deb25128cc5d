package dev.schemata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/** Facts fixed at build time: the tool's version and the pinned PostgreSQL binary versions. */
public record BuildInfo(String version, String defaultPostgresBinaries, Properties all) {

    public static BuildInfo load() {
        Properties props = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(props.getProperty("version", "dev"), props.getProperty("pg.binaries.default", "18.6.0"), props);
    }

    /** The pinned full version of the Maven-published binaries for a major version, e.g. 15 → 15.19.0. */
    public Optional<String> postgresBinaries(int major) {
        return Optional.ofNullable(all.getProperty("pg.binaries." + major));
    }
}
