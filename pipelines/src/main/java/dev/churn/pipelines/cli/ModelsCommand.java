package dev.churn.pipelines.cli;

import dev.churn.models.registry.Aliases;
import dev.churn.models.registry.Decision;
import dev.churn.models.registry.Json;
import dev.churn.models.registry.ModelRegistry;
import dev.churn.models.registry.ModelVersion;
import dev.churn.models.registry.VersionMetadata;
import dev.churn.transforms.InvalidInputException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code churn models list|show|promote|rollback|history}: the registry's versions and aliases. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = "List, inspect, promote and roll back registered model versions.",
    subcommands = {PromoteCommand.class})
public final class ModelsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: list, show, promote, rollback or history");
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "One line per version: when, how good, which aliases.")
  int list(@Mixin RegistryOption registry,
      @Mixin BlobEndpointOption blobEndpoint) {
    ModelRegistry models = registry.at(blobEndpoint).open();
    Aliases aliases = models.aliases();
    PrintStream out = System.out;
    out.printf("%-7s %-24s %8s %8s %7s  %s%n", "version", "created", "rows", "cv_auc", "ece", "aliases");
    for (String version : models.versions()) {
      VersionMetadata m = ModelVersion.load(models, version).metadata();
      out.printf(
          Locale.ROOT,
          "%-7s %-24s %8d %8.4f %7.4f  %s%n",
          version,
          m.createdAt,
          m.trainingData.rowsAccepted,
          m.overall.rocAuc,
          m.overall.calibrationError,
          describeAliases(aliases, version));
    }
    return ChurnCli.OK;
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "A version's metadata.json (default: the champion of all segments).")
  int show(
      @Mixin RegistryOption registry,
      @Mixin BlobEndpointOption blobEndpoint,
      @Parameters(arity = "0..1", paramLabel = "VERSION", description = "version to show") String version)
      throws Exception {
    ModelRegistry models = registry.at(blobEndpoint).open();
    String chosen = version != null ? version : models.champions().defaultVersion();
    VersionMetadata metadata = ModelVersion.load(models, chosen).metadata();
    System.out.println(Json.MAPPER.writeValueAsString(metadata));
    System.out.println("aliases: " + describeAliases(models.aliases(), chosen));
    return ChurnCli.OK;
  }

  @Command(name = "rollback", mixinStandardHelpOptions = true, description = "Make the previous champion champion again.")
  int rollback(
      @Mixin RegistryOption registry,
      @Mixin BlobEndpointOption blobEndpoint,
      @Option(names = "--segment", description = "segments to roll back (default: every segment with a previous champion)") List<String> segments) {
    ModelRegistry models = registry.at(blobEndpoint).open();
    List<Decision> decisions =
        models.updateAliases(
            aliases -> {
              List<String> scope = segments != null ? segments : new ArrayList<>(aliases.segments.keySet());
              List<Decision> made = new ArrayList<>();
              for (String segment : scope) {
                String current = aliases.champion(segment);
                String previous = aliases.rollBack(segment);
                if (previous == null) {
                  if (segments != null) {
                    throw new InvalidInputException("segment " + segment + " has no previous champion to roll back to");
                  }
                  continue;
                }
                made.add(Decision.of(Decision.ROLLBACK, segment, previous, current, "rolled back from " + current));
              }
              if (made.isEmpty()) {
                throw new InvalidInputException("registry " + models.location() + " has no previous champion to roll back to");
              }
              return made;
            });
    decisions.forEach(d -> System.out.printf("segment %-16s champion %s again (was %s)%n", d.segment, d.version, d.champion));
    return ChurnCli.OK;
  }

  @Command(name = "history", mixinStandardHelpOptions = true, description = "Every recorded decision, oldest first, as JSON lines.")
  int history(@Mixin RegistryOption registry,
      @Mixin BlobEndpointOption blobEndpoint)
      throws Exception {
    for (Decision decision : registry.at(blobEndpoint).open().decisions()) {
      System.out.println(Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(decision));
    }
    return ChurnCli.OK;
  }

  /** {@code champion of *, One year; challenger of *} or blank. */
  static String describeAliases(Aliases aliases, String version) {
    List<String> champion = new ArrayList<>();
    List<String> challenger = new ArrayList<>();
    for (Map.Entry<String, Aliases.Segment> entry : aliases.segments.entrySet()) {
      if (version.equals(entry.getValue().champion)) {
        champion.add(entry.getKey());
      }
      if (version.equals(entry.getValue().challenger)) {
        challenger.add(entry.getKey());
      }
    }
    List<String> parts = new ArrayList<>();
    if (!champion.isEmpty()) {
      parts.add("champion of " + champion.stream().collect(Collectors.joining(", ")));
    }
    if (!challenger.isEmpty()) {
      parts.add("challenger of " + String.join(", ", challenger));
    }
    return String.join("; ", parts);
  }
}
