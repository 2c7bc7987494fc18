package dev.churn.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import org.junit.Test;

public class SecretsTest {
  @Test
  public void valuesOfSecretVariablesAndKeyLikePartsAreRedacted() {
    Secrets secrets = new Secrets(Map.of("AZURE_STORAGE_KEY", "k3y-value", "CHURN_JDBC_PASSWORD", "hunter22", "HOME", "/root"));
    assertThat(secrets.redact("key k3y-value, password hunter22, home /root"), equalTo("key ***, password ***, home /root"));
    assertThat(
        secrets.redact("https://a.blob.core.windows.net/c?sv=2022-11-02&sig=abc%2Bdef&se=x failed"),
        equalTo("https://a.blob.core.windows.net/c?sv=2022-11-02&sig=***&se=x failed"));
    assertThat(
        secrets.redact("AccountName=a;AccountKey=Zm9v==;BlobEndpoint=http://h"),
        equalTo("AccountName=a;AccountKey=***;BlobEndpoint=http://h"));
  }
}
