package dev.churn.pipelines.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.Test;

/** Database errors and URLs as churn prints them: no row data, no password. */
public class SqlErrorsTest {
  @Test
  public void aBatchErrorIsDescribedByItsReasonWithoutTheStatementOrItsValues() {
    BatchUpdateException batch = new BatchUpdateException(
        "Batch entry 0 INSERT INTO churn_scores (run_id, customer_id) VALUES (('r1'), ('7590-VHVEG')) was aborted: ERROR: value too long for type character varying(128)  Call getNextException to see other errors in the batch.",
        "22001", new int[0]);
    batch.setNextException(new SQLException("ERROR: value too long for type character varying(128)", "22001"));
    assertThat(SqlErrors.describe(batch), equalTo("ERROR: value too long for type character varying(128) (SQL state 22001)"));
  }

  @Test
  public void keysValuesAndStatementsAreLeftOut() {
    assertThat(SqlErrors.describe(new SQLException("ERROR: duplicate key value violates unique constraint \"pk\"\n  Detail: Key (run_id, customer_id)=(r1, 7590-VHVEG) already exists.", "23505")),
        equalTo("ERROR: duplicate key value violates unique constraint \"pk\" (SQL state 23505)"));
    assertThat(SqlErrors.describe(new SQLException("Value too long for column \"CUSTOMER_ID CHARACTER VARYING(4)\": \"'7590-VHVEG' (10)\"; SQL statement:\nMERGE INTO t VALUES ('7590-VHVEG') [22001-232]", "22001")),
        equalTo("Value too long for column \"CUSTOMER_ID CHARACTER VARYING(4)\": \"'...' (10)\" (SQL state 22001)"));
  }

  @Test
  public void passwordsInEveryFormOfJdbcUrlAreMasked() {
    assertThat(JdbcUrls.redact("jdbc:postgresql://churn:S3cret@db.example.com:5432/churn failed"), equalTo("jdbc:postgresql://churn:***@db.example.com:5432/churn failed"));
    assertThat(JdbcUrls.redact("jdbc:postgresql://db/churn?user=churn&password=S3cret&ssl=true"), equalTo("jdbc:postgresql://db/churn?user=churn&password=***&ssl=true"));
    assertThat(JdbcUrls.redact("jdbc:sqlserver://db:1433;user=churn;password={S3;cret};encrypt=true"), equalTo("jdbc:sqlserver://db:1433;user=churn;password=***;encrypt=true"));
    assertThat(JdbcUrls.redact("jdbc:sqlserver://db;PWD=S3cret"), equalTo("jdbc:sqlserver://db;PWD=***"));
    assertThat(JdbcUrls.display("jdbc:postgresql://churn:S3cret@db/churn?password=x"), equalTo("jdbc:postgresql://churn:***@db/churn"));
    assertThat(JdbcUrls.holdsPassword("jdbc:postgresql://db/churn?user=churn"), equalTo(false));
  }
}
