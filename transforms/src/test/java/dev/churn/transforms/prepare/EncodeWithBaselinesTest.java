package dev.churn.transforms.prepare;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;

import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/** One encoding with the baselines gives exactly what encoding the row once per column gives. */
public class EncodeWithBaselinesTest {
  private static void assertSameAsOneEncodingPerColumn(Preprocessing p) {
    Schema rowSchema = FitPreprocessingTest.schema().rowSchema();
    for (Row row : List.of(
        FitPreprocessingTest.row(rowSchema, "1", 1.0, "a"),
        FitPreprocessingTest.row(rowSchema, "2", null, "b"),
        FitPreprocessingTest.row(rowSchema, "3", 7.5, null),
        FitPreprocessingTest.row(rowSchema, "4", -2.0, "unseen"))) {
      double[][] probes = p.encodeWithBaselines(row);
      List<String> columns = p.inputColumns();
      assertEquals(1 + columns.size(), probes.length);
      assertArrayEquals(p.encode(row), probes[0], 0);
      for (int c = 0; c < columns.size(); c++) {
        assertArrayEquals(columns.get(c) + " of " + row, p.encode(row, columns.get(c)), probes[1 + c], 0);
      }
      assertNotSame("each probe is a copy", probes[0], probes[1]);
    }
  }

  @Test
  public void sameAsOneEncodingPerColumn() {
    assertSameAsOneEncodingPerColumn(FitPreprocessingTest.fitted());
  }

  @Test
  public void sameWithALogInputAndWithoutRecordedShares() {
    Preprocessing p = FitPreprocessingTest.fitted();
    p.numeric.get(0).log = new Preprocessing.LogInput();
    p.numeric.get(0).log.mean = 1.2;
    p.numeric.get(0).log.std = 0.4;
    p.categorical.get(0).frequencies = null;
    assertSameAsOneEncodingPerColumn(p);
  }
}
