package dev.churn.pipelines.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.churn.models.registry.Json;
import dev.churn.pipelines.jobs.EvaluateJob;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code churn evaluate}: prints one JSON object of metrics of the models on a labelled file. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Print metrics and fairness of the models on a labelled customers file, as JSON.")
public final class EvaluateCommand implements Callable<Integer> {
  @Mixin ScoringInputOptions inputs;

  @Mixin EventOptions events;

  @Mixin RunnerOptions runner;

  @Override
  public Integer call() throws IOException {
    EvaluateJob.Result evaluated = EvaluateJob.run(request());
    System.out.println(Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(evaluated.report));
    return ChurnCli.OK;
  }

  EvaluateJob.Request request() {
    EvaluateJob.Request request = new EvaluateJob.Request();
    request.execution = runner.execution();
    request.inputs = inputs.inputs(runner, events);
    return request;
  }
}
