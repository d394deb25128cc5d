package dev.schemata.cli;

import dev.schemata.config.EnvironmentConfig;
import picocli.CommandLine.Command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code schemata config}: the effective settings of the selected environment. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Show the effective settings of the selected environment (passwords masked) and the"
                + " configuration file's warnings.")
final class ConfigCommand extends BaseCommand {
    @Override
    public Integer call() {
        ProjectSettings project = root().project();
        EnvironmentConfig env = project.environment();
        List<String> environments = project.config().map(c -> c.environmentNames()).orElse(List.of());
        if (output().json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("file", env.file() == null ? null : env.file().toString());
            json.put("environment", env.name());
            json.put("environments", environments);
            Map<String, String> settings = new LinkedHashMap<>();
            for (String line : env.describe()) {
                int dots = line.indexOf(" .");
                settings.put(line.substring(0, dots), line.substring(line.indexOf(". ", dots) + 2));
            }
            json.put("settings", settings);
            json.put("warnings", project.config().map(c -> c.validate()).orElse(List.of()));
            output().json(json);
        } else {
            env.describe().forEach(output()::result);
            if (!environments.isEmpty()) {
                output().result("");
                output().result("environments: " + String.join(", ", environments));
            }
        }
        return 0;
    }
}
