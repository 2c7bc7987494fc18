package dev.churn.pipelines.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code --help=NAME}, as Beam's own programs take it: the Beam pipeline options of one interface
 * ({@code ChurnOptions}, {@code FlinkPipelineOptions}, {@code SparkPipelineOptions}, ...), which every
 * pipeline command passes to Beam as {@code --name=value}. Plain {@code --help} is the command's own.
 */
final class BeamOptionsHelp {
  private static final String FLAG = "--help=";

  private BeamOptionsHelp() {}

  /** The interface name asked for, or null when no argument asks. */
  static String requested(String... args) {
    for (String arg : args) {
      if (arg.startsWith(FLAG)) {
        return arg.substring(FLAG.length());
      }
    }
    return null;
  }

  /** Prints the options of the interface {@code name} (simple or full class name); its exit status. */
  static int print(String name, PrintStream out, PrintWriter err) {
    List<Class<? extends PipelineOptions>> registered =
        PipelineOptionsFactory.getRegisteredOptions().stream()
            .sorted(Comparator.comparing(Class::getSimpleName))
            .collect(Collectors.toList());
    for (Class<? extends PipelineOptions> options : registered) {
      if (options.getSimpleName().equals(name) || options.getName().equals(name)) {
        PipelineOptionsFactory.printHelp(out, options);
        return ChurnCli.OK;
      }
    }
    err.println("churn: --help=" + name + ": not a Beam options interface of this program, which has "
        + registered.stream().map(Class::getSimpleName).distinct().collect(Collectors.joining(", ")));
    return ChurnCli.BAD_INPUT;
  }
}
