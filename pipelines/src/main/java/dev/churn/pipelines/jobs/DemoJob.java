package dev.churn.pipelines.jobs;

import dev.churn.models.registry.Aliases;
import dev.churn.models.registry.Decision;
import dev.churn.models.registry.VersionMetadata;
import dev.churn.pipelines.serve.ScoreRequest;
import dev.churn.pipelines.serve.ScoringServer;
import dev.churn.pipelines.serve.ServedModels;
import dev.churn.pipelines.sink.ScoreTable;
import dev.churn.pipelines.storage.RegistryLocation;
import dev.churn.testdata.TelcoSample;
import dev.churn.transforms.Progress;
import dev.churn.transforms.schema.DatasetSchemaFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The whole batch path on the IBM Telco file shipped in the jar: splits it 80/20 by class, trains on the
 * 80 %, passes the new version through the promotion gate on the labelled 20 %, scores the 20 % without
 * its label with the champions (to files and an embedded H2 database), evaluates on the labelled 20 %
 * and monitors the scoring run with those labels, scores two of them through the online endpoint; then compares models with and without event features
 * on generated customers ({@link EventComparison}).
 */
public final class DemoJob {
  private DemoJob() {}

  /** Everything the demo made, and where. */
  public static final class Result {
    public Path output;
    public TelcoSample.Split split;
    public Path registry;
    public TrainJob.Result trained;
    public List<Decision> decisions;
    /** Whether the gate refused the new version as champion of all segments (it is then used anyway). */
    public boolean refused;
    public ScoreJob.Result scored;
    public EvaluateJob.Result evaluated;
    public MonitorJob.Result monitored;
    public EventComparison.Result events;
    /** The endpoint's address while it ran, and its answer for two hold-out customers. */
    public URI endpoint;
    public String onlineAnswer;
    /** The page's summary of the scoring run, as {@code GET /v1/risk} gave it. */
    public String riskAnswer;
  }

  public static Result run(Execution execution, Path output, long splitSeed) {
    Result result = new Result();
    result.output = output.toAbsolutePath().normalize();
    Path out = result.output;
    Progress.say("demo outputs go to " + out);
    try {
      result.split = TelcoSample.split(out.resolve("input"), 0.2, splitSeed);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Telco split into " + out + ": " + e.getMessage(), e);
    }
    result.registry = out.resolve("registry");

    TrainJob.Request train = new TrainJob.Request();
    train.execution = execution;
    train.customers = result.split.train.toString();
    train.schema = DatasetSchemaFile.load(DatasetSchemaFile.TELCO);
    train.registry = execution.registry(result.registry.toString());
    result.trained = TrainJob.run(train);
    VersionMetadata version = result.trained.version;

    PromoteJob.Request promote = new PromoteJob.Request();
    promote.execution = execution;
    promote.registry = train.registry;
    promote.customers = result.split.holdoutLabelled.toString();
    result.decisions = PromoteJob.run(promote);
    // a demo shows the models it trained: where the gate refused them, it says so and uses them anyway
    result.refused = result.decisions.stream().anyMatch(d -> Aliases.ALL.equals(d.segment) && Decision.REFUSE.equals(d.action));
    String models = result.refused ? version.version : null;

    ScoreJob.Request score = new ScoreJob.Request();
    score.execution = execution;
    score.inputs = inputs(result.split.holdoutUnlabelled, train, models);
    score.output = out.resolve("scores").toString();
    score.table = ScoreTable.of("jdbc:h2:file:" + out.resolve("churn-scores") + ";MODE=MSSQLServer", ScoreTable.DEFAULT_NAME, null, null);
    score.runId = "demo";
    result.scored = ScoreJob.run(score);

    EvaluateJob.Request evaluate = new EvaluateJob.Request();
    evaluate.execution = execution;
    evaluate.inputs = inputs(result.split.holdoutLabelled, train, models);
    result.evaluated = EvaluateJob.run(evaluate);

    MonitorJob.Request monitor = new MonitorJob.Request();
    monitor.execution = execution;
    monitor.inputs = inputs(result.split.holdoutUnlabelled, train, models);
    monitor.scores = score.output;
    monitor.runId = result.scored.runId;
    monitor.labels = result.split.holdoutLabelled.toString();
    monitor.output = out.resolve("monitor").toString();
    result.monitored = MonitorJob.run(monitor);

    serveTwoCustomers(result, train.registry, models, score.table);
    result.events = EventComparison.run(execution, out);
    return result;
  }

  /**
   * Starts the endpoint for a moment, its page over the scoring run's table, scores the first two
   * hold-out customers through HTTP and reads what the page shows.
   */
  private static void serveTwoCustomers(Result result, RegistryLocation registry, String modelVersion, ScoreTable scores) {
    ScoringServer.Settings settings = new ScoringServer.Settings();
    settings.port = 0;
    settings.scoresTable = scores;
    try (ScoringServer server = ScoringServer.start(ServedModels.open(registry, modelVersion, Duration.ZERO), settings)) {
      List<String> lines = Files.readAllLines(result.split.holdoutUnlabelled);
      String body = ScoreRequest.fromCsv(lines.get(0), lines.subList(1, 3));
      result.endpoint = server.address();
      result.onlineAnswer =
          call(HttpRequest.newBuilder(server.address().resolve("v1/score")).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body)));
      result.riskAnswer = call(HttpRequest.newBuilder(server.address().resolve("v1/risk")));
    } catch (IOException e) {
      throw new UncheckedIOException("the demo's endpoint failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String call(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("the endpoint answered " + answer.statusCode() + ": " + answer.body());
    }
    return answer.body();
  }

  private static ScoringInputs inputs(Path customers, TrainJob.Request train, String modelVersion) {
    ScoringInputs inputs = new ScoringInputs();
    inputs.customers = customers.toString();
    inputs.registry = train.registry;
    inputs.modelVersion = modelVersion;
    return inputs;
  }
}
