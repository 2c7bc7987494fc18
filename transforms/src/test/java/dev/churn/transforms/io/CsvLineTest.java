package dev.churn.transforms.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import java.util.Arrays;
import org.junit.Test;

public class CsvLineTest {
  @Test
  public void splitsPlainAndQuotedFields() {
    assertThat(CsvLine.split("a,,\"b,c\",\"say \"\"hi\"\"\", d "), contains("a", "", "b,c", "say \"hi\"", " d "));
  }

  @Test
  public void keepsEmptyFieldsOfALineWithoutQuotes() {
    assertThat(CsvLine.split("a,b,"), contains("a", "b", ""));
    assertThat(CsvLine.split(",x,,"), contains("", "x", "", ""));
    assertThat(CsvLine.split(""), contains(""));
    assertThat(CsvLine.split(" 1.5 ,G-1"), contains(" 1.5 ", "G-1"));
  }

  @Test
  public void rejectsUnterminatedQuote() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvLine.split("a,\"b"));
    assertThat(e.getMessage(), containsString("unterminated"));
  }

  @Test
  public void joinQuotesOnlyWhereNeeded() {
    String line = CsvLine.join(Arrays.asList("a", "b,c", "q\"x", null, 1.5));
    assertThat(line, equalTo("a,\"b,c\",\"q\"\"x\",,1.5"));
    assertThat(CsvLine.split(line), contains("a", "b,c", "q\"x", "", "1.5"));
  }
}
