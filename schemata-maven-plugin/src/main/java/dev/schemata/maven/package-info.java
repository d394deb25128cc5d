/**
 * The Maven plugin: one goal per CLI command ({@code migrate}, {@code status}, {@code validate}, {@code lint}, …),
 * each a thin mojo over the library facade {@link dev.schemata.Schemata}. {@link SchemataMojo} holds what every
 * goal shares: the database the build talks to ({@code <url>}, {@code schemata.*} properties, a
 * {@code schemata.toml} environment, a {@code settings.xml} server, else the embedded database under
 * {@code target/}), masking of passwords in the build's output, and one mapping of Schemata's errors to a failed
 * build.
 */
package dev.schemata.maven;
