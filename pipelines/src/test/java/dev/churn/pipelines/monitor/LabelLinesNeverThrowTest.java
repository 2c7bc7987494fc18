package dev.churn.pipelines.monitor;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;

import dev.churn.testdata.RandomEdits;
import dev.churn.testdata.TelcoSample;
import dev.churn.transforms.io.BadRecordException;
import dev.churn.transforms.io.SourceLine;
import dev.churn.transforms.schema.DatasetSchemaFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Label lines made from valid ones by random edits ({@link RandomEdits}), in a two-column labels file
 * and in a whole labelled customers file: each is either read as a label or refused with a
 * {@link BadRecordException} (dead-lettered with its reason by the monitoring pipeline), never another
 * exception.
 */
public class LabelLinesNeverThrowTest {
  @Rule public TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void twoColumnAndWholeCustomerLines() throws Exception {
    List<String> telco = TelcoSample.lines();
    Path customers = folder.getRoot().toPath().resolve("customers.csv");
    Files.write(customers, telco.subList(0, 200));
    Path labels = folder.getRoot().toPath().resolve("labels.csv");
    Files.write(labels, List.of("customerID,Churn", "7590-VHVEG,No", "5575-GNVDE,Yes", "\"3668-QPYBK\",Yes"));
    assertThat(fuzz(customers, telco.subList(1, 200)), greaterThan(0));
    assertThat(fuzz(labels, Files.readAllLines(labels).subList(1, 4)), greaterThan(0));
  }

  private static int fuzz(Path file, List<String> valid) {
    LabelFile labels = LabelFile.check(file.toString(), DatasetSchemaFile.load(DatasetSchemaFile.TELCO));
    Random random = new Random(file.getFileName().toString().hashCode());
    int accepted = 0;
    for (int t = RandomEdits.tries(); t > 0; t--) {
      String line = RandomEdits.of(valid, random);
      try {
        labels.parse(new SourceLine(file.toString(), 2, line));
        accepted++;
      } catch (BadRecordException refused) {
        // dead-lettered with its reason
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("the labels of " + file.getFileName() + " threw " + e + " for the line " + line, e);
      }
    }
    return accepted;
  }
}
