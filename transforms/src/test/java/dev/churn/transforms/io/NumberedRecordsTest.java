package dev.churn.transforms.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** Records of hostile text files: quoted line breaks, stray quotes, bytes that are not UTF-8, CR LF, a BOM. */
public class NumberedRecordsTest {
  private static List<SourceLine> read(byte[] bytes, boolean csv) throws IOException {
    List<SourceLine> records = new ArrayList<>();
    try (NumberedRecords reader = new NumberedRecords("f.csv", new ByteArrayInputStream(bytes), csv)) {
      for (SourceLine record = reader.next(); record != null; record = reader.next()) {
        records.add(record);
      }
    }
    return records;
  }

  private static List<SourceLine> read(String text, boolean csv) throws IOException {
    return read(text.getBytes(StandardCharsets.UTF_8), csv);
  }

  private static List<String> describe(List<SourceLine> records) {
    List<String> described = new ArrayList<>();
    records.forEach(r -> described.add(r.lineNumber() + ":" + r.text().replace("\n", "\\n") + (r.problem() == null ? "" : " !")));
    return described;
  }

  @Test
  public void aQuotedFieldMayHoldLineBreaksAndTheRecordKeepsItsFirstLineNumber() throws IOException {
    List<SourceLine> records = read("id,note\r\na,\"one\r\ntwo\"\r\nb,plain\r\n", true);
    assertThat(describe(records), contains("1:id,note", "2:a,\"one\\ntwo\"", "4:b,plain"));
    assertThat(CsvLine.split(records.get(1).text()), contains("a", "one\ntwo"));
  }

  @Test
  public void aStrayQuoteCostsOneRecordNotTheRestOfTheFile() throws IOException {
    List<SourceLine> records = read("id,note\na,\"never closed\nb,fine\nc,fine\n", true);
    assertThat(describe(records), contains("1:id,note", "2:a,\"never closed", "3:b,fine", "4:c,fine"));
  }

  @Test
  public void jsonLinesAreNotJoinedOnQuotes() throws IOException {
    assertThat(describe(read("{\"a\":\"x\n{\"b\":1}\n", false)), contains("1:{\"a\":\"x", "2:{\"b\":1}"));
  }

  @Test
  public void bytesThatAreNotUtf8MakeAProblemNamingTheLineInsteadOfReplacementCharacters() throws IOException {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.write("\uFEFFid,name\n".getBytes(StandardCharsets.UTF_8));
    file.write("1,Ren\u00e9e\n".getBytes(StandardCharsets.UTF_8));
    file.write("2,Ren".getBytes(StandardCharsets.UTF_8));
    file.write(0xE9); // é in Latin-1
    file.write("e\n".getBytes(StandardCharsets.UTF_8));
    List<SourceLine> records = read(file.toByteArray(), true);
    assertThat(records.get(0).text(), equalTo("id,name"));
    assertThat(records.get(1).text(), equalTo("1,Ren\u00e9e"));
    assertThat(records.get(1).problem(), nullValue());
    assertThat(records.get(2).lineNumber(), equalTo(3L));
    assertThat(records.get(2).problem(), containsString("line 3 is not valid UTF-8 (byte 0xE9 at byte 6 of the line)"));
    assertThat(records.get(2).problem(), containsString("Latin-1"));
  }

  @Test
  public void utf8IsValidatedStrictly() {
    assertThat(Utf8.firstInvalidByte("aé€😀".getBytes(StandardCharsets.UTF_8), 0, "aé€😀".getBytes(StandardCharsets.UTF_8).length), equalTo(-1));
    assertThat(Utf8.firstInvalidByte(new byte[] {'a', (byte) 0xC0, (byte) 0x80}, 0, 3), equalTo(1)); // overlong
    assertThat(Utf8.firstInvalidByte(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, 0, 3), equalTo(0)); // surrogate
    assertThat(Utf8.firstInvalidByte(new byte[] {'a', (byte) 0xE2, (byte) 0x82}, 0, 3), equalTo(1)); // cut off
    assertThat(Utf8.firstInvalidByte(new byte[] {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, 0, 4), equalTo(0));
  }

  @Test
  public void blankLinesAreSkippedAndALastLineWithoutNewlineIsRead() throws IOException {
    assertThat(describe(read("a\n\n  \nb", true)), contains("1:a", "4:b"));
  }
}
