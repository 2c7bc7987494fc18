package dev.churn.pipelines.cli;

import dev.churn.pipelines.jobs.MaterializeJob;
import dev.churn.transforms.InvalidInputException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code churn materialize}: the event features as of a cutoff, from event files into the online store. */
@Command(
    name = "materialize",
    mixinStandardHelpOptions = true,
    description = "Compute every customer's event features as of --cutoff from event files, as score does, and write them to the online store for serve.")
public final class MaterializeCommand implements Callable<Integer> {
  @Mixin ScoringInputOptions inputs;

  @Mixin EventOptions events;

  @Mixin OnlineStoreOption onlineStore;

  @Mixin RunnerOptions runner;

  @Override
  public Integer call() {
    MaterializeJob.Request request = new MaterializeJob.Request();
    request.store = onlineStore.store();
    if (request.store == null) {
      throw new InvalidInputException("give --online-store redis://HOST:PORT: where should the features go?");
    }
    request.execution = runner.execution();
    request.inputs = inputs.inputs(runner, events);
    MaterializeJob.Result result = MaterializeJob.run(request);
    System.out.printf("wrote the event features of %d customers (model version %s) to %s%s%n", result.written, result.models, request.store,
        result.olderThanStored > 0 ? "; kept the later ones already stored for " + result.olderThanStored : "");
    return ChurnCli.OK;
  }
}
