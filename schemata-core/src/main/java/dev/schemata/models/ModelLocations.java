package dev.schemata.models;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the models declare what a difference is about, for reports that point into the code (SARIF): the
 * entity class that maps the table (its source file when it is found under the working directory, in the usual
 * {@code src/main/java} layout), else the line of a DDL file the user gave. A command's printed DDL is no file
 * of the user's, so its differences have no location.
 */
public final class ModelLocations {
    /** The comment the JPA main writes after the DDL for each entity. */
    private static final Pattern ENTITY = Pattern.compile("^-- entity (\\S+) maps table (\\S+)\\s*$", Pattern.MULTILINE);
    private static final List<String> SOURCE_ROOTS = List.of("src/main/java", "src/main/kotlin", "src/test/java");

    /**
     * @param file   relative to the working directory (or absolute), null when only the entity is known
     * @param line   1-based, 0 when unknown
     * @param entity the entity class, or null
     */
    public record Location(String file, int line, String entity) {
    }

    private final String ddl;
    private final String ddlFile;
    private final Path workDir;
    private final Map<String, String> entities = new HashMap<>();

    private ModelLocations(String ddl, String ddlFile, Path workDir) {
        this.ddl = ddl;
        this.ddlFile = ddlFile;
        this.workDir = workDir;
        Matcher m = ENTITY.matcher(ddl);
        while (m.find()) {
            entities.put(normal(m.group(2)), m.group(1));
        }
    }

    static ModelLocations none() {
        return new ModelLocations("", null, null);
    }

    /** Reads the models' DDL; {@code userFile} is how the user named their DDL file, null for printed DDL. */
    static ModelLocations read(Path ddl, String userFile, Path workDir) {
        try {
            return new ModelLocations(Files.readString(ddl, StandardCharsets.UTF_8), userFile, workDir);
        } catch (IOException e) {
            return none();
        }
    }

    /** Where the models declare the table, sequence or type of the finding, and its column where it can be found. */
    public Optional<Location> of(Finding finding) {
        String bare = finding.table().substring(finding.table().indexOf('.') + 1);
        String entity = entities.getOrDefault(normal(finding.table()), entities.get(normal(bare)));
        if (entity != null) {
            return Optional.of(source(entity, finding.column()));
        }
        if (ddlFile == null) {
            return Optional.empty();
        }
        int line = ddlLine(bare, finding.column());
        return Optional.of(new Location(ddlFile, line, null));
    }

    /** The entity's source file and the line of the column's field or of the class, when the source is found. */
    private Location source(String entity, String column) {
        if (workDir == null) {
            return new Location(null, 0, entity);
        }
        String outer = entity.contains("$") ? entity.substring(0, entity.indexOf('$')) : entity;
        String relative = outer.replace('.', '/');
        String simple = entity.substring(Math.max(entity.lastIndexOf('.'), entity.lastIndexOf('$')) + 1);
        for (String root : SOURCE_ROOTS) {
            for (String extension : List.of(".java", ".kt")) {
                Path file = workDir.resolve(root).resolve(relative + extension);
                if (Files.isRegularFile(file)) {
                    return new Location(workDir.relativize(file).toString(), sourceLine(file, simple, column), entity);
                }
            }
        }
        return new Location(null, 0, entity);
    }

    /** The line of a field mapping the column (by its name or an explicit {@code name = "…"}), else of the class. */
    private static int sourceLine(Path file, String simple, String column) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return 0;
        }
        int classLine = 0;
        Pattern declaration = Pattern.compile("\\b(class|interface|record)\\s+" + Pattern.quote(simple) + "\\b");
        for (int i = 0; i < lines.size(); i++) {
            if (classLine == 0 && declaration.matcher(lines.get(i)).find()) {
                classLine = i + 1;
            }
        }
        if (column == null) {
            return classLine;
        }
        Pattern named = Pattern.compile("name\\s*=\\s*\"" + Pattern.quote(column) + "\"", Pattern.CASE_INSENSITIVE);
        Pattern field = Pattern.compile("^\\s*(?:(?:private|protected|public|final|transient|val|var)\\s+)*[\\w<>,.?\\[\\] ]+\\s+(\\w+)\\s*[;=]");
        for (int i = 0; i < lines.size(); i++) {
            if (named.matcher(lines.get(i)).find()) {
                return i + 1;
            }
        }
        for (int i = classLine; i < lines.size(); i++) {
            Matcher m = field.matcher(lines.get(i));
            if (m.find() && normal(snake(m.group(1))).equals(normal(column))) {
                return i + 1;
            }
        }
        return classLine;
    }

    /** The line in the DDL file that creates the object, or the column's line inside its {@code CREATE TABLE}. */
    private int ddlLine(String name, String column) {
        Matcher create = Pattern.compile("create\\s+(?:table|sequence|type)\\s+(?:if\\s+not\\s+exists\\s+)?(?:\"?\\w+\"?\\.)?\"?"
                + Pattern.quote(name) + "\"?(?=[\\s(;])", Pattern.CASE_INSENSITIVE).matcher(ddl);
        if (!create.find()) {
            return 0;
        }
        int at = create.start();
        if (column != null) {
            int end = ddl.indexOf(';', at);
            Matcher col = Pattern.compile("[(,]\\s*\"?" + Pattern.quote(column) + "\"?\\s", Pattern.CASE_INSENSITIVE)
                    .matcher(ddl.substring(at, end < 0 ? ddl.length() : end));
            if (col.find()) {
                at += col.end() - 1;
            }
        }
        return (int) ddl.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    private static String snake(String identifier) {
        return identifier.replaceAll("([a-z0-9])([A-Z])", "$1_$2");
    }

    private static String normal(String name) {
        return name.replace("\"", "").replace("_", "").toLowerCase(Locale.ROOT);
    }
}
