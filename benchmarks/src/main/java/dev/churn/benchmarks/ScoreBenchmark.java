package dev.churn.benchmarks;

import dev.churn.models.ChurnModel;
import dev.churn.models.train.Dl4jNetwork;
import dev.churn.models.train.Dl4jTrainer;
import dev.churn.models.train.NetworkSpec;
import dev.churn.models.train.PlainForwardPass;
import dev.churn.models.train.TrainingData;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Scoring a batch of customers with a trained network, by DL4J and by plain Java loops over the same
 * weights. Scores are per customer: each invocation scores {@value #CUSTOMERS} customers in batches.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScoreBenchmark {
  static final int CUSTOMERS = 4096;
  /** The width of the generated customers' inputs with telemetry features. */
  static final int INPUTS = 54;

  @Param({"logistic", "mlp-16-8"})
  public String candidate;

  @Param({"1", "256", "4096"})
  public int batch;

  private ChurnModel dl4j;
  private ChurnModel plain;
  private double[][][] batches;

  @Setup
  public void setup() {
    Random random = new Random(11);
    String[] ids = new String[CUSTOMERS];
    double[][] x = new double[CUSTOMERS][INPUTS];
    double[] y = new double[CUSTOMERS];
    for (int i = 0; i < CUSTOMERS; i++) {
      ids[i] = "c" + i;
      for (int j = 0; j < INPUTS; j++) {
        x[i][j] = random.nextGaussian();
      }
      y[i] = random.nextDouble() < 1 / (1 + Math.exp(1.5 - x[i][0] + x[i][1])) ? 1 : 0;
    }
    NetworkSpec spec = NetworkSpec.named(List.of(candidate)).get(0);
    Dl4jNetwork network = Dl4jTrainer.fit(spec, new TrainingData(ids, x, y), 2, 42);
    dl4j = network;
    plain = new PlainForwardPass(network);
    batches = new double[CUSTOMERS / batch][][];
    for (int b = 0; b < batches.length; b++) {
      batches[b] = Arrays.copyOfRange(x, b * batch, (b + 1) * batch);
    }
  }

  @Benchmark
  @OperationsPerInvocation(CUSTOMERS)
  public double dl4j() {
    return scoreAll(dl4j);
  }

  @Benchmark
  @OperationsPerInvocation(CUSTOMERS)
  public double plainJava() {
    return scoreAll(plain);
  }

  private double scoreAll(ChurnModel model) {
    double sum = 0;
    for (double[][] b : batches) {
      sum += model.predict(b)[0];
    }
    return sum;
  }
}
