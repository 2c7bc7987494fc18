package dev.churn.pipelines.jobs;

import com.google.auto.service.AutoService;
import java.util.List;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsRegistrar;

/**
 * What a pipeline is for, as Beam pipeline options: the job and its run set them, so they travel with
 * the pipeline and show where the runner shows its options (the Flink web UI's job configuration, Spark's
 * environment page), and {@code churn COMMAND --help=ChurnOptions} lists them.
 */
public interface ChurnOptions extends PipelineOptions {
  @Description("The churn job this pipeline belongs to: train, score, evaluate, monitor, promote or stream")
  String getChurnJob();

  void setChurnJob(String job);

  @Description("The scoring run's id (score and monitor)")
  String getChurnRunId();

  void setChurnRunId(String runId);

  @Description("The model registry the job reads or writes")
  String getChurnRegistry();

  void setChurnRegistry(String registry);

  /** Lets Beam find these options by name (in {@code --help} and when options are read back on workers). */
  @AutoService(PipelineOptionsRegistrar.class)
  final class Registrar implements PipelineOptionsRegistrar {
    @Override
    public Iterable<Class<? extends PipelineOptions>> getPipelineOptions() {
      return List.of(ChurnOptions.class);
    }
  }
}
