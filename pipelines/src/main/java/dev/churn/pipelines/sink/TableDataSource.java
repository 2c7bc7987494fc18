package dev.churn.pipelines.sink;

import java.io.PrintWriter;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apache.beam.sdk.transforms.SerializableFunction;

/**
 * A table's database as a {@link DataSource} for JdbcIO, given as a provider function rather than a URL
 * so that the URL (which may hold credentials) never shows in a runner's display data or UI.
 */
final class TableDataSource implements DataSource, Serializable {
  private static final long serialVersionUID = 1L;

  private final ScoreTable table;

  private TableDataSource(ScoreTable table) {
    this.table = table;
  }

  static SerializableFunction<Void, DataSource> provider(ScoreTable table) {
    TableDataSource source = new TableDataSource(table);
    return ignored -> source;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return table.connect();
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the table's own credentials are used");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return false;
  }

  @Override
  public String toString() {
    return table.describe();
  }
}
