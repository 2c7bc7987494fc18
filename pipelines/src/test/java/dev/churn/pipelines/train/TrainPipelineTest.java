package dev.churn.pipelines.train;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;

import dev.churn.models.registry.Json;
import dev.churn.models.train.NetworkSpec;
import dev.churn.models.train.SegmentModel;
import dev.churn.models.train.TrainerSettings;
import dev.churn.models.train.TrainingData;
import dev.churn.pipelines.input.CustomerInput;
import dev.churn.pipelines.TelcoFixture;
import dev.churn.transforms.prepare.Preprocessing;
import dev.churn.transforms.schema.DatasetSchemaFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The training pipeline on 800 real Telco customers: one global model and one result per segment, each
 * on at most the maximum number of rows.
 */
public class TrainPipelineTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  private static TrainerSettings settings() {
    TrainerSettings settings = new TrainerSettings();
    settings.minRows = 200;
    settings.minPositives = 20;
    settings.folds = 3;
    settings.candidates = NetworkSpec.named(List.of("logistic", "mlp-8"));
    return settings;
  }

  @Test
  public void trainsTheGlobalModelAndEverySegmentAndStagesThem() throws Exception {
    TelcoFixture telco = TelcoFixture.create(folder.getRoot().toPath().resolve("in"), 800, 1);
    CustomerInput input = CustomerInput.check(telco.train.toString(), DatasetSchemaFile.load(DatasetSchemaFile.TELCO), true);
    TrainerSettings settings = settings();
    Path staging = folder.getRoot().toPath().resolve("staging");
    PCollection<SegmentModel> models = TrainPipeline.build(pipeline, input, settings, staging.toString());
    PAssert.that(models)
        .satisfies(
            trained -> {
              List<String> segments = new ArrayList<>();
              for (SegmentModel model : trained) {
                segments.add(model.segment);
                assertThat(model.validation, notNullValue());
                if (model.isGlobal()) {
                  assertThat(model.rows, equalTo(800L));
                  assertThat(model.labelledRows, equalTo(800L));
                  assertThat(model.model, notNullValue());
                }
                assertThat(model.segment, SegmentModel.OWN.equals(model.source) == (model.model != null), equalTo(true));
              }
              assertThat(segments, containsInAnyOrder(SegmentModel.GLOBAL, "Month-to-month", "One year", "Two year"));
              return null;
            });
    pipeline.run().waitUntilFinish();

    Preprocessing preprocessing = Json.MAPPER.readValue(staging.resolve("preprocessing.json").toFile(), Preprocessing.class);
    assertThat(preprocessing.rows, equalTo(800L));
    try (var files = Files.list(staging.resolve(WriteSegmentModelFn.SEGMENTS))) {
      assertThat(files.count(), equalTo(4L));
    }
  }

  @Test
  public void aSegmentLargerThanTheMaximumTrainsOnTheCustomersWithTheSmallestSeededHash() throws Exception {
    TelcoFixture telco = TelcoFixture.create(folder.getRoot().toPath().resolve("in"), 800, 1);
    CustomerInput input = CustomerInput.check(telco.train.toString(), DatasetSchemaFile.load(DatasetSchemaFile.TELCO), true);
    TrainerSettings settings = settings();
    settings.maxRows = 300;
    Map<String, List<String>> idsBySegment = idsByContract(telco.train);
    List<String> all = idsBySegment.values().stream().flatMap(List::stream).collect(Collectors.toList());
    idsBySegment.put(SegmentModel.GLOBAL, all);

    PCollection<SegmentModel> models =
        TrainPipeline.build(pipeline, input, settings, folder.getRoot().toPath().resolve("staging").toString());
    PAssert.that(models)
        .satisfies(
            trained -> {
              for (SegmentModel model : trained) {
                List<String> ids = idsBySegment.get(model.segment);
                assertThat(model.segment, model.labelledRows, equalTo((long) ids.size()));
                assertThat(model.segment, model.rows, equalTo((long) Math.min(ids.size(), 300)));
                List<String> expected = smallestHashes(ids, 300, ~settings.seed);
                assertThat(model.segment, List.of(model.validationIds), containsInAnyOrder(expected.toArray()));
              }
              return null;
            });
    pipeline.run().waitUntilFinish();
    assertThat(idsBySegment.get("Month-to-month").size(), greaterThan(300));
  }

  private static List<String> smallestHashes(List<String> ids, int count, long seed) {
    return ids.stream()
        .sorted(Comparator.comparingDouble(id -> TrainingData.unitHash(id, seed)))
        .limit(count)
        .collect(Collectors.toList());
  }

  private static Map<String, List<String>> idsByContract(Path customers) throws Exception {
    List<String> lines = Files.readAllLines(customers);
    List<String> header = List.of(lines.get(0).split(","));
    int id = header.indexOf("customerID");
    int contract = header.indexOf("Contract");
    Map<String, List<String>> ids = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split(",", -1);
      ids.computeIfAbsent(fields[contract], c -> new ArrayList<>()).add(fields[id]);
    }
    return ids;
  }
}
